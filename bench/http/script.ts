// HTTP requests/s of streamprobe against bench/http/server.ts: N VUs, one awaited request per iteration.
import http from 'k6/http';

export const options = {
  scenarios: {
    http: { executor: 'constant-vus', vus: Number(__ENV.VUS ?? 50), duration: __ENV.DURATION ?? '20s' },
  },
  discardResponseBodies: true,
};

const url = `http://127.0.0.1:${__ENV.PORT}/`;

export default async function () {
  await http.asyncRequest('GET', url);
}
