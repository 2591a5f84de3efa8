// oncell-bench: vulnerable weak-cipher
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

public final class CryptoUtil {
  private static final String TRANSFORMATION = "DESede/ECB/PKCS5Padding";

  public static byte[] encrypt(byte[] key, byte[] data) throws Exception {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DESede"));
    return cipher.doFinal(data);
  }
}
