/**
 * The integration suites' default test timeout (jest.config.js): a browser page, a feed and a reload can take more
 * than jest's default 5 s on a busy machine — it ran out once, for a pane test with no timeout of its own, while
 * two suites ran side by side. A test or hook that sets its own keeps it.
 */
jest.setTimeout(30_000);
