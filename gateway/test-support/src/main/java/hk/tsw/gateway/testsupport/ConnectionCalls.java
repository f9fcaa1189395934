package hk.tsw.gateway.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

/**
 * A pool whose connections report each call made on them (the method's name and its arguments) before it runs: how a
 * test counts the commits or the statements a piece of the store makes, on the real database. The prepared statements
 * they make report each time they run too ({@code executeQuery}, {@code executeUpdate}, {@code execute},
 * {@code executeBatch}, with the statement's SQL as the one argument): one call, one round trip to the database (a
 * JDBC batch counts once, however many rows it carries).
 */
public final class ConnectionCalls {

    private ConnectionCalls() {
    }

    /** {@code pool}, its connections telling {@code onCall} of every call on them. */
    public static DataSource observed(DataSource pool, BiConsumer<String, Object[]> onCall) {
        return (DataSource) Proxy.newProxyInstance(ConnectionCalls.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (p, m, args) -> {
                    Object result = invoke(pool, m, args);
                    return "getConnection".equals(m.getName()) ? observed((Connection) result, onCall) : result;
                });
    }

    private static Connection observed(Connection c, BiConsumer<String, Object[]> onCall) {
        return (Connection) Proxy.newProxyInstance(ConnectionCalls.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, args) -> {
                    onCall.accept(m.getName(), args);
                    Object result = invoke(c, m, args);
                    return "prepareStatement".equals(m.getName())
                            ? observed((PreparedStatement) result, (String) args[0], onCall) : result;
                });
    }

    private static PreparedStatement observed(PreparedStatement ps, String sql, BiConsumer<String, Object[]> onCall) {
        return (PreparedStatement) Proxy.newProxyInstance(ConnectionCalls.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (p, m, args) -> {
                    if (EXECUTIONS.contains(m.getName()) && (args == null || args.length == 0)) {
                        onCall.accept(m.getName(), new Object[] {sql});
                    }
                    return invoke(ps, m, args);
                });
    }

    /** The calls that send a prepared statement (or its batch) to the database. */
    private static final Set<String> EXECUTIONS = Set.of("executeQuery", "executeUpdate", "execute", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
