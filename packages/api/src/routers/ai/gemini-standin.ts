// A local stand-in for the Gemini REST API, for tests: the real @google/genai SDK is pointed at it
// with `httpOptions.baseUrl`. It speaks `POST /v1beta/models/{model}:generateContent` and answers
// with what the test scripted: a text candidate with usage metadata, an HTTP error in Google's
// error shape, or silence (to exercise timeouts).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandinReply =
  | { text: string; promptTokens?: number; outputTokens?: number; delayMs?: number }
  | { status: number; message?: string; delayMs?: number }
  /** Never answers (until the server closes): the client's timeout must fire. */
  | { hang: true };

export interface StandinRequest {
  model: string;
  apiKey: string | null;
  body: {
    contents?: { role?: string; parts?: { text?: string }[] }[];
    systemInstruction?: { parts?: { text?: string }[] };
    generationConfig?: { responseMimeType?: string; responseJsonSchema?: unknown };
  };
  /** The prompt text, all parts joined. */
  prompt: string;
}

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export interface GeminiStandin {
  /** Base URL to give the SDK (`httpOptions.baseUrl`). */
  url: string;
  apiKey: string;
  /** Every generateContent request received, in order. */
  requests: StandinRequest[];
  /** Replies used first, one per request, before the default responder. */
  queue(...replies: StandinReply[]): void;
  /** Answers requests once the queue is empty. */
  respond(fn: (req: StandinRequest) => StandinReply): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startGeminiStandin(opts: { apiKey?: string } = {}): Promise<GeminiStandin> {
  const apiKey = opts.apiKey ?? 'standin-key';
  const requests: StandinRequest[] = [];
  let queued: StandinReply[] = [];
  let responder: (req: StandinRequest) => StandinReply = () => ({ text: '{}' });

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  const error = (res: http.ServerResponse, code: number, message: string) =>
    send(res, code, { error: { code, message, status: statusNames[code] ?? 'UNKNOWN' } });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = req.url?.match(/^\/v1beta\/models\/([^/:?]+):generateContent(\?.*)?$/);
      if (req.method !== 'POST' || !match) return error(res, 404, `No route for ${req.method} ${req.url}`);
      const key = (req.headers['x-goog-api-key'] as string | undefined) ?? null;
      if (key !== apiKey) return error(res, 400, 'API key not valid. Please pass a valid API key.');
      let body: StandinRequest['body'];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return error(res, 400, 'Invalid JSON payload received.');
      }
      const prompt = (body.contents ?? [])
        .flatMap((c) => c.parts ?? [])
        .map((p) => p.text ?? '')
        .join('\n');
      const request: StandinRequest = { model: decodeURIComponent(match[1]), apiKey: key, body, prompt };
      requests.push(request);
      const reply = queued.shift() ?? responder(request);
      if ('hang' in reply) return; // the socket stays open until the client gives up
      const answer = () => {
        if (res.destroyed) return;
        if ('status' in reply) return error(res, reply.status, reply.message ?? `Error ${reply.status}`);
        const promptTokens = reply.promptTokens ?? Math.ceil(prompt.length / 4);
        const outputTokens = reply.outputTokens ?? Math.ceil(reply.text.length / 4);
        send(res, 200, {
          candidates: [{ content: { role: 'model', parts: [{ text: reply.text }] }, finishReason: 'STOP', index: 0 }],
          usageMetadata: {
            promptTokenCount: promptTokens,
            candidatesTokenCount: outputTokens,
            totalTokenCount: promptTokens + outputTokens,
          },
          modelVersion: request.model,
          responseId: `standin-${requests.length}`,
        });
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    queue: (...replies) => {
      queued.push(...replies);
    },
    respond: (fn) => {
      responder = fn;
    },
    reset: () => {
      queued = [];
      requests.length = 0;
      responder = () => ({ text: '{}' });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
