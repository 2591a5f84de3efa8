// oncell-bench: vulnerable weak-hash
import java.security.MessageDigest;

public class PasswordHasher {
  private static final String ALGORITHM = "SHA-1";

  public byte[] hash(String password) throws Exception {
    MessageDigest digest = MessageDigest.getInstance(ALGORITHM);
    return digest.digest(password.getBytes());
  }
}
