// HTTPS in front of the sandbox, with a delay per network round trip instead of per request, so
// that what a new connection costs (TCP and TLS handshakes) shows as it would against a real
// provider: client → [delay: half a round trip each way, one more before the first byte of a
// connection, for TCP's handshake] → [TLS, a certificate made for the run] → the sandbox (plain HTTP).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

/** A self-signed certificate for 127.0.0.1 (Debian's openssl), in a temporary folder. */
export function makeCertificate() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-wg-bench-tls-'));
	const key = path.join(dir, 'key.pem');
	const cert = path.join(dir, 'cert.pem');
	execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
	return { dir, keyFile: key, certFile: cert, key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

/** Copies `from` to `to` with each chunk `ms` late (timers of equal delay fire in order, so bytes stay in order). */
function delayed(from, to, ms, firstExtraMs = 0) {
	let first = true;
	from.on('data', (chunk) => {
		const wait = ms + (first ? firstExtraMs : 0);
		first = false;
		setTimeout(() => !to.destroyed && to.write(chunk), wait);
	});
	from.on('end', () => setTimeout(() => !to.destroyed && to.end(), ms));
}

/**
 * Starts the HTTPS front: returns { url, connections() (TCP connections accepted so far), takeMaxOpen(), close() }.
 * `rttMs` is the round trip: a request on a kept-alive connection costs one, a new connection three
 * (TCP, TLS 1.3, then the request).
 */
export async function startTlsProxy(sandboxUrl, { rttMs, certificate }) {
	const upstream = new URL(sandboxUrl);
	const sockets = new Set();
	const track = (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
		s.on('error', () => s.destroy());
	};
	const tlsServer = tls.createServer({ key: certificate.key, cert: certificate.cert }, (clear) => {
		const plain = net.connect(Number(upstream.port), upstream.hostname);
		track(clear);
		track(plain);
		clear.pipe(plain).on('error', () => {});
		plain.pipe(clear).on('error', () => {});
		clear.on('close', () => plain.destroy());
		plain.on('close', () => clear.destroy());
	});
	await new Promise((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
	let accepted = 0;
	let open = 0;
	let maxOpen = 0;
	const front = net.createServer((client) => {
		accepted++;
		maxOpen = Math.max(maxOpen, ++open);
		client.on('close', () => open--);
		const inner = net.connect(tlsServer.address().port, '127.0.0.1');
		track(client);
		track(inner);
		delayed(client, inner, rttMs / 2, rttMs);
		delayed(inner, client, rttMs / 2);
		client.on('close', () => setTimeout(() => inner.destroy(), rttMs));
		inner.on('close', () => setTimeout(() => client.destroy(), rttMs));
	});
	await new Promise((resolve) => front.listen(0, '127.0.0.1', resolve));
	return {
		url: `https://127.0.0.1:${front.address().port}`,
		connections: () => accepted,
		/** The most connections open at once since the last call (then starts again from those open now). */
		takeMaxOpen: () => {
			const max = maxOpen;
			maxOpen = open;
			return max;
		},
		async close() {
			for (const s of sockets) s.destroy();
			await Promise.all([new Promise((r) => front.close(r)), new Promise((r) => tlsServer.close(r))]);
		},
	};
}
