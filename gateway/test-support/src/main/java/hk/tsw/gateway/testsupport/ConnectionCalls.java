package hk.tsw.gateway.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

/**
 * A pool whose connections report each call made on them (the method's name and its arguments) before it runs: how a
 * test counts the commits or the statements a piece of the store makes, on the real database.
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
                    return invoke(c, m, args);
                });
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
