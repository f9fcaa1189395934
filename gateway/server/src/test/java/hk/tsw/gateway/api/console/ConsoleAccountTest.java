package hk.tsw.gateway.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/**
 * The hash a login for an unknown name is checked against is written out in {@link ConsoleAccount} (computing it when
 * the class loaded cost about 0.3 CPU-s of every start, issue 16): it must still be a bcrypt hash of the users' cost,
 * so that the unknown name's answer takes as long as a user's, and no password matches it.
 */
class ConsoleAccountTest {

    @Test
    void the_no_user_hash_is_bcrypt_of_the_users_cost_and_matches_no_password() {
        assertEquals(OpenBSDBCrypt.generate("2b", "no-user".toCharArray(), new byte[16], 12), ConsoleAccount.NO_USER);
        assertEquals("$2b$12$", ConsoleAccount.NO_USER.substring(0, 7), "cost 12, as the users' hashes");
        assertFalse(OpenBSDBCrypt.checkPassword(ConsoleAccount.NO_USER, "operator-DEMO-ONLY-password".toCharArray()));
    }
}
