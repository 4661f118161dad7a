package dev.switchboard.server;

import java.util.EnumMap;
import java.util.Map;

/** The installed middleware per type, and the rule that runs one: undecided or thrown means blocked. */
final class Middlewares {
    private volatile Map<MiddlewareType, Middleware> installed = new EnumMap<>(MiddlewareType.class);

    void set(MiddlewareType type, Middleware middleware) {
        Map<MiddlewareType, Middleware> copy = new EnumMap<>(MiddlewareType.class);
        copy.putAll(installed);
        copy.put(type, middleware);
        installed = copy;
    }

    void remove(MiddlewareType type) {
        Map<MiddlewareType, Middleware> copy = new EnumMap<>(MiddlewareType.class);
        copy.putAll(installed);
        copy.remove(type);
        installed = copy;
    }

    boolean has(MiddlewareType type) {
        return installed.containsKey(type);
    }

    /**
     * Runs the middleware for the action's type, if any, and returns the decided action. With no
     * middleware installed the action is allowed as it is.
     */
    ScAction run(ScAction action) {
        Middleware middleware = installed.get(action.type().middlewareType());
        if (middleware == null) {
            action.allow();
            return action;
        }
        try {
            middleware.handle(action);
        } catch (Exception e) {
            if (!action.isDecided()) {
                action.block(e);
            }
        }
        if (!action.isDecided()) {
            action.block(); // an unhandled case is denied, never allowed by default
        }
        return action;
    }
}
