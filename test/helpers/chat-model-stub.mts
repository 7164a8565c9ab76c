// A small OpenAI-compatible chat model for tests: n8n's OpenAI Chat Model node (credential
// `openAiApi`, Base URL = this stub's `${url}/v1`, "Use Responses API" off) talks to it as to
// OpenAI. No language model: a script decides each answer from the messages it is sent. It also
// serves POST /tools/<name>, which records the call (a stand-in for what an AI tool acts on).
//   GET  /v1/models              the one model id
//   POST /v1/chat/completions    non-streaming (a `stream: true` request is refused)
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

export const STUB_MODEL = 'stub-model';

/** One message of a chat completion request, as OpenAI's API receives it. */
export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

/** What the script answers: a text, or calls of the offered tools. */
export type StubAnswer = { text: string } | { toolCalls: Array<{ name: string; arguments: Json }> };
export type StubScript = (messages: ChatMessage[], tools: Json[]) => StubAnswer;

export interface ChatModelStub {
	/** the server, e.g. http://127.0.0.1:40123 (the credential's Base URL is `${url}/v1`) */
	url: string;
	/** every chat completion request body, in order */
	requests: Json[];
	/** every POST /tools/<name>: the tool name and its JSON body */
	toolCalls: Array<{ tool: string; body: Json }>;
	close(): Promise<void>;
}

/** The text of a message whatever its content's shape (string or content parts). */
export function textOf(message: ChatMessage | undefined): string {
	const content = message?.content;
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((p) => p.text ?? '').join('');
	return '';
}

export async function startChatModelStub(script: StubScript): Promise<ChatModelStub> {
	const requests: Json[] = [];
	const toolCalls: Array<{ tool: string; body: Json }> = [];
	let calls = 0;
	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const raw = Buffer.concat(chunks).toString('utf8');
		const send = (status: number, body: Json) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		const url = new URL(req.url ?? '/', 'http://stub');
		if (req.method === 'GET' && url.pathname === '/v1/models') {
			return send(200, { object: 'list', data: [{ id: STUB_MODEL, object: 'model', created: 0, owned_by: 'test' }] });
		}
		if (req.method === 'POST' && url.pathname.startsWith('/tools/')) {
			let body: Json = raw;
			try {
				body = JSON.parse(raw);
			} catch {
				/* kept as text */
			}
			toolCalls.push({ tool: url.pathname.slice('/tools/'.length), body });
			return send(200, { done: true, tool: url.pathname.slice('/tools/'.length), received: body });
		}
		if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions') {
			return send(404, { error: { message: `the stub serves no ${req.method} ${url.pathname}`, type: 'invalid_request_error' } });
		}
		let body: Json;
		try {
			body = JSON.parse(raw);
		} catch {
			return send(400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
		}
		requests.push(body);
		// n8n's agent streams only behind a streaming trigger (Chat Trigger, Webhook in streaming mode),
		// which these tests do not use: a streamed request fails loudly instead of being half-served
		if (body.stream) return send(400, { error: { message: 'the stub does not stream (stream: true)', type: 'invalid_request_error' } });
		let answer: StubAnswer;
		try {
			answer = script(body.messages ?? [], body.tools ?? []);
		} catch (e) {
			return send(500, { error: { message: `stub script failed: ${(e as Error).message}`, type: 'server_error' } });
		}
		const id = `chatcmpl-stub-${++calls}`;
		const created = Math.floor(Date.now() / 1000);
		const message: Json =
			'text' in answer
				? { role: 'assistant', content: answer.text }
				: {
						role: 'assistant',
						content: null,
						tool_calls: answer.toolCalls.map((t, i) => ({
							id: `call_stub_${calls}_${i}`,
							type: 'function',
							function: { name: t.name, arguments: JSON.stringify(t.arguments) },
						})),
					};
		const finish = 'text' in answer ? 'stop' : 'tool_calls';
		const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
		return send(200, { id, object: 'chat.completion', created, model: STUB_MODEL, choices: [{ index: 0, message, finish_reason: finish }], usage });
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		toolCalls,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
