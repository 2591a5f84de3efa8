// oncell-bench: vulnerable path
import java.io.File;
import java.nio.file.Files;
import org.springframework.web.bind.annotation.*;

@RestController
public class AvatarController {
  @GetMapping("/avatars/{name}")
  public byte[] avatar(@PathVariable String name) throws Exception {
    File file = new File("/var/avatars", name + ".png");
    return Files.readAllBytes(file.toPath());
  }
}
