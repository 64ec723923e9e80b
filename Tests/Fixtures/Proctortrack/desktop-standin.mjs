// A stand-in for the Proctortrack desktop application as the 2.x worker (edx-proctoring-proctortrack-v2
// 2.0.1) talks to it: http://localhost:54545/a7f3e9d2c5b8/ptx/app, `GET /status` and `POST /close`, each
// answered with a JSON object plus `signature`: ECDSA P-256 over SHA-256 of `JSON.stringify(payload)`
// (the object without `signature`, keys in the order sent), base64 of the raw r||s form WebCrypto
// verifies, with a `timestamp` in milliseconds the worker accepts within 10 s. The worker trusts the
// base64 SPKI key in JS_ENV_EXTRA_CONFIG's PROCTORTRACK_PUBLIC_KEY.
//
// Usage: node desktop-standin.mjs PORT [--sign-with-another-key]
// Prints one line once it listens: {"port": N, "publicKey": "<base64 SPKI of the key to trust>"}; with
// --sign-with-another-key it signs with a second key, so a worker trusting the printed one must refuse.
// Logs each request on stderr; ends when its standard input closes.
import http from 'node:http';
import { generateKeyPairSync, sign } from 'node:crypto';

const [portText, mode] = process.argv.slice(2);
const trusted = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signer = mode === '--sign-with-another-key' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : trusted;
const publicKey = trusted.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const prefix = '/a7f3e9d2c5b8/ptx/app';

const signed = (payload) => {
  const data = Buffer.from(JSON.stringify(payload));
  const signature = sign('sha256', data, { key: signer.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64');
  return { ...payload, signature };
};

const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    process.stderr.write(`${request.method} ${request.url}\n`);
    let payload = null;
    if (request.method === 'GET' && request.url === `${prefix}/status`) {
      payload = { is_et_online: true, is_proctoring_started: true, is_proctoring_ended: false, timestamp: Date.now() };
    } else if (request.method === 'POST' && request.url === `${prefix}/close`) {
      payload = { is_et_online: true, is_proctoring_ended: true, timestamp: Date.now() };
    }
    if (payload === null) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    response.end(JSON.stringify(signed(payload)));
  });
});
server.on('error', (error) => {
  process.stderr.write(`desktop stand-in: ${error.message}\n`);
  process.exit(1);
});
server.listen(Number(portText), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port, publicKey })}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
