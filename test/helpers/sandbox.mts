// Starts the sandbox for a test file and gives typed access to its control API.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startSandbox } from '../../sandbox/server.mjs';
import { DEMO_CREDENTIALS } from '../../sandbox/demo-credentials.mjs';

export interface Sandbox {
	url: string;
	control: <T = any>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>;
	messages: (provider?: string) => Promise<any[]>;
	requests: (provider?: string) => Promise<Array<{ provider: string; method: string; path: string; status: number; outcome: string }>>;
	config: (body: Record<string, unknown>) => Promise<unknown>;
	/** The demo credentials of a type, pointed at this sandbox. */
	credentials: (type: keyof typeof DEMO_CREDENTIALS) => Record<string, string>;
	close: () => Promise<void>;
}

export async function openSandbox(options: Record<string, unknown> = {}): Promise<Sandbox> {
	const server = await startSandbox({ port: 0, seed: 1, ...options });
	const control = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
		const response = await fetch(`${server.url}/_sandbox/${path}`, {
			method,
			headers: body ? { 'content-type': 'application/json' } : {},
			body: body ? JSON.stringify(body) : undefined,
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`sandbox ${method} ${path} → ${response.status} ${text}`);
		return JSON.parse(text);
	};
	return {
		url: server.url,
		control,
		messages: async (provider) => (await control('GET', `messages${provider ? `?provider=${provider}` : ''}`)).messages,
		requests: async (provider) => (await control('GET', `requests${provider ? `?provider=${provider}` : ''}`)).requests,
		config: (body) => control('POST', 'config', body),
		credentials: (type) =>
			Object.fromEntries(Object.entries(DEMO_CREDENTIALS[type]).map(([k, v]) => [k, String(v).replace('{url}', server.url)])),
		close: () => server.close(),
	};
}

/** Waits until the sandbox has no request in progress (slow ones go on after the client gave up). */
export async function inFlightDone(sandbox: Sandbox): Promise<void> {
	for (;;) {
		const stats = await sandbox.control('GET', 'stats');
		if (Object.values(stats.inFlight as Record<string, number>).every((n) => n === 0)) return;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/**
 * One sandbox per test file, reset before each test; after each test, its requests still in
 * progress end before the next test starts. `perTest: true` gives each test a sandbox of its own
 * instead (closed after it): a test that timed out and still sends cannot reach the next one's.
 */
export function useSandbox(options: Record<string, unknown> & { perTest?: boolean } = {}): Sandbox {
	const { perTest = false, ...sandboxOptions } = options;
	const handle = {} as Sandbox;
	if (perTest) {
		beforeEach(async () => {
			Object.assign(handle, await openSandbox(sandboxOptions));
		});
		afterEach(async () => {
			await inFlightDone(handle);
			await handle.close();
		});
		return handle;
	}
	beforeAll(async () => {
		Object.assign(handle, await openSandbox(sandboxOptions));
	});
	beforeEach(async () => {
		await handle.control('POST', 'reset', {});
	});
	afterEach(async () => {
		await inFlightDone(handle);
	});
	afterAll(async () => {
		await handle.close();
	});
	return handle;
}
