package dev.latchkey.application.fakes;

import dev.latchkey.domain.DatabaseUnavailableException;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A switch in front of in-memory stores: while it is {@linkplain #down() down}, every call to a store
 * put {@linkplain #behind behind} it fails as an unreachable database does, with
 * {@link DatabaseUnavailableException}; when it is {@linkplain #up() up} the calls go through.
 */
public final class UnreachableDatabase {
    private volatile boolean down;

    public void down() {
        down = true;
    }

    public void up() {
        down = false;
    }

    /** {@code store}, seen through this switch as the out-port {@code port}. */
    public <T> T behind(Class<T> port, T store) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(store, args);
            }
            if (down) {
                throw new DatabaseUnavailableException("the database cannot be reached (test)");
            }
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, handler));
    }
}
