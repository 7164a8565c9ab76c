// Imported before n8n-core: n8n reads its settings from the environment when its modules load.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const folder = mkdtempSync(join(tmpdir(), 'n8n-wag-test-'));
process.env.N8N_USER_FOLDER ??= folder;
// Binaries on disk, as on most self-hosted n8n installs: proves that large files are streamed.
process.env.N8N_DEFAULT_BINARY_DATA_MODE ??= 'filesystem';
process.env.N8N_BINARY_DATA_STORAGE_PATH ??= join(folder, 'binaryData');
process.env.N8N_LOG_LEVEL ??= 'silent';
process.env.N8N_ENCRYPTION_KEY ??= 'test-encryption-key-for-the-harness';
