/**
 * The folder of {@code telemetry.textfiles}: {@code *.prom} files in the Prometheus text format, read at every scrape
 * of {@code /metrics} and served with the agent's own metrics, as the node exporter's textfile collector serves a
 * host's. A health script publishes a metric by writing a file, without starting a process. {@link
 * io.autopilot.telemetry.textfile.Textfiles} is the one entry: it reads the folder on a thread of its own (never the
 * event loop), within bounds on files, bytes, samples and time, and answers the scrape with what it could serve. A
 * file with a problem is left out whole and logged once, with its line; a family whose samples would share a name
 * with another's is left out and said so, since Prometheus refuses a scrape that names a sample twice; the gauge
 * {@code autopilot_textfile_scrape_error} says that something was.
 */
package io.autopilot.telemetry.textfile;
