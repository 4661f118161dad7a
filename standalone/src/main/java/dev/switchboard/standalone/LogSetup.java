package dev.switchboard.standalone;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code --log-level} and {@code --log-format} by reloading the bundled {@code logback.xml},
 * which reads them from the system properties {@value #LEVEL} and {@value #FORMAT}. A configuration
 * given with {@code -Dlogback.configurationFile} is left alone. Call before the server starts.
 */
final class LogSetup {
    static final String LEVEL = "switchboard.log.level";
    static final String FORMAT = "switchboard.log.format";

    private LogSetup() {}

    static void apply(Main.LogLevel level, Main.LogFormat format) {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        System.setProperty(LEVEL, level.name());
        System.setProperty(FORMAT, format.name().toLowerCase(java.util.Locale.ROOT));
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding: it configures itself
        }
        URL config = LogSetup.class.getResource("/logback.xml");
        if (config == null) {
            return;
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new ConfigException("The logging configuration failed: " + e.getMessage());
        }
    }
}
