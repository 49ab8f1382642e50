package io.gammastraddle.deribit.websocket;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log event of the project's loggers ({@code io.gammastraddle}), down to TRACE, with its
 * stack trace, while open: to prove that something never reaches the logs. (The fake servers'
 * library logs every frame it reads at TRACE, so it is left out.)
 */
public final class CapturedLogs extends AbstractAppender implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final LoggerContext context = LoggerContext.getContext(false);
  private final LoggerConfig project =
      context.getConfiguration().getLoggerConfig("io.gammastraddle");
  private final Level projectLevel = project.getLevel();

  private CapturedLogs() {
    super("captured", null, null, true, Property.EMPTY_ARRAY);
  }

  public static CapturedLogs capture() {
    CapturedLogs logs = new CapturedLogs();
    logs.start();
    logs.project.addAppender(logs, Level.ALL, null);
    logs.project.setLevel(Level.ALL);
    logs.context.updateLoggers();
    return logs;
  }

  /** Everything logged so far, one string per event with its stack trace. */
  public String text() {
    return String.join("\n", lines);
  }

  @Override
  public void append(LogEvent event) {
    StringWriter text = new StringWriter();
    text.append(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage());
    if (event.getThrown() != null) {
      event.getThrown().printStackTrace(new PrintWriter(text));
    }
    lines.add(text.toString());
  }

  @Override
  public void close() {
    project.removeAppender(getName());
    project.setLevel(projectLevel);
    context.updateLoggers();
    stop();
  }
}
