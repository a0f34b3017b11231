/** The compact stamp header `sp`: `run:gen:seq:intendedUs:sentUs` — defined by lib/stamp-headers.ts, which writes it. */
export { COMPACT_STAMP_HEADER, formatCompactStamp, parseCompactStamp } from '../lib/stamp-headers.ts';
