// Password hashing for the rest of Heeded: bcrypt (HummingbirdBcrypt), so only Web imports Hummingbird.
import HummingbirdBcrypt

/// bcrypt hashes of passwords. The command line makes accounts through this, so every hash is made one way.
public enum PasswordHashing {
    /// A bcrypt hash; `cost` 12 takes about a quarter of a second, which is what makes guessing slow.
    public static func hash(_ password: String, cost: UInt8 = 12) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }
}
