/** Usage text of `streamprobe run` (flags and env as in k6 run, docs/k6-compatibility.md#cli-environment-and-files). */
export const RUN_USAGE = `Usage:
  streamprobe run <script> [flags]

Runs a k6 script (TypeScript or JavaScript; "-" reads it from stdin) in streamprobe's
k6-compatible runtime. Flags override K6_* environment variables, which override the script's
options, which override the --config file.

Execution:
  -u, --vus N                        number of virtual users (default 1)
  -d, --duration D                   test duration, e.g. 30s, 1m30s, 2h
  -i, --iterations N                 total iterations shared among the VUs
  -s, --stage D:T                    a ramping stage, e.g. 30s:10 (repeatable, or comma-separated)
      --execution-segment SEG        run only this part of the test, e.g. 1/4:2/4
      --execution-segment-sequence SEQ
                                     all segments of a distributed run, e.g. 0,1/4,2/4,3/4,1
      --min-iteration-duration D     minimum time an iteration takes (the VU sleeps the rest)
      --no-setup                     do not run setup()
      --no-teardown                  do not run teardown()
  -w, --throw                        throw on invalid metric values instead of warning
      --workers N                    worker threads; in classic mode, I/O threads (default: number of CPU cores)
      --mode MODE                    classic (a thread per VU, calls block as in k6), async or
                                     auto (default: classic for synchronous xk6-kafka scripts)

Environment and tags:
  -e, --env NAME=VALUE               add or override a __ENV variable (repeatable)
      --include-system-env-vars[=false]
                                     start __ENV from the process environment (default true)
      --tag NAME=VALUE               tag added to every sample (repeatable)
      --system-tags LIST             system tags to attach to samples, comma-separated
  -c, --config FILE                  JSON config file (lowest-precedence options)

Results:
  -o, --out NAME[=ARG]               send metrics to an output (repeatable; env K6_OUT):
                                       json=FILE[.gz]      k6's JSON lines, one Point per sample
                                       csv=FILE or csv=fileName=F,saveInterval=1s,timeFormat=unix
                                       experimental-prometheus-rw   remote write (K6_PROMETHEUS_RW_*)
      --junit FILE                   write thresholds and checks as JUnit XML for CI
      --web-dashboard                live dashboard on http://127.0.0.1:5665 (K6_WEB_DASHBOARD_*)
      --summary-mode MODE            compact (default), full, disabled or legacy
      --summary-export FILE          write the end-of-test summary as JSON to FILE
      --summary-trend-stats LIST     trend statistics in the summary (default avg,min,med,max,p(90),p(95))
      --summary-time-unit UNIT       s, ms or us for all time values in the summary
      --no-summary                   deprecated: same as --summary-mode=disabled
      --no-thresholds                do not evaluate thresholds
      --saturation-guard MODE        on (default): a failed run whose load generator was saturated
                                     ends inconclusive (112); strict: a passing one too; off
                                     (also STREAMPROBE_SATURATION_GUARD)
      --saturation-bounds LIST       when the generator counts as saturated, default
                                     lag=100ms,loop=100ms,cpu=90%,dropped=1%
                                     (also STREAMPROBE_SATURATION_BOUNDS)

HTTP (k6/http):
      --user-agent UA, --http-debug[=full], --insecure-skip-tls-verify, --no-connection-reuse,
      --no-vu-connection-reuse, --max-redirects N, --batch N, --batch-per-host N, --rps N

Output and logging:
  -q, --quiet                        no banner and no progress updates
      --no-color                     no colours (also NO_COLOR or K6_NO_COLOR)
  -v, --verbose                      debug logging
      --log-format FORMAT            text (default), json or raw
  -h, --help                         this help

Accepted for k6 compatibility and ignored: -a/--address, -l/--linger, --no-usage-report.

Exit codes are k6's (99 thresholds failed, 104 invalid config, 107 script error, 108 aborted, ...)
plus 111: the system under test could not be reached, and 112: inconclusive, the load generator
itself was saturated.
`;
