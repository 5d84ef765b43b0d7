// The example's web app: a dependency-free Node.js HTTP server.
//   GET /        -> "hello from <instance> (pid <pid>, request <n>)", and the header X-Instance
//   GET /health  -> 200 "ok" (the agent's native http check asks for this; no curl in the image)
// Environment: PORT (3000), HOST (0.0.0.0), INSTANCE_ID (the host name: the container's, or the UTS namespace's
// in the local run). On SIGTERM it stops accepting connections and exits once the requests in flight are answered.
'use strict';
const http = require('node:http');
const os = require('node:os');

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';
const instance = process.env.INSTANCE_ID || os.hostname();
let served = 0;

const server = http.createServer((req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  if (path === '/health') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok\n');
    return;
  }
  if (path === '/') {
    served += 1;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Instance': instance });
    res.end(`hello from ${instance} (pid ${process.pid}, request ${served})\n`);
    return;
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('not found\n');
});

server.listen(port, host, () => console.log(`${instance} listening on ${host}:${port}`));

function stop(signal) {
  console.log(`${instance}: ${signal}, finishing requests in flight`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // Whatever is still open after 5 s is cut: the agent would kill the process group at its stopTimeout anyway.
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
