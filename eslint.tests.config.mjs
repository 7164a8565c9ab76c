// Lint config of the code that is not shipped: tests, sandbox, benchmarks, scripts. The package's
// own eslint.config.mjs is @n8n/node-cli's default (strict mode checks it is unchanged), and its
// n8n rules (no Node globals, no imports beyond n8n-workflow, …) are for nodes and credentials.
// `npm run lint:tests` runs this one.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist', 'node_modules', '.n8n-e2e'] },
	{ linterOptions: { reportUnusedDisableDirectives: 'off' } },
	{
		files: ['**/*.{ts,mts,mjs,js}'],
		extends: [js.configs.recommended, tseslint.configs.recommended],
		rules: {
			// Node and browser globals; TypeScript and the runs themselves catch unknown names
			'no-undef': 'off',
			// test doubles and n8n's JSON are loosely typed on purpose
			'@typescript-eslint/no-explicit-any': 'off',
			// plain ESM scripts without types are imported with @ts-ignore
			'@typescript-eslint/ban-ts-comment': 'off',
			'@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
			'no-empty': ['error', { allowEmptyCatch: true }],
		},
	},
	{
		files: ['gulpfile.js'],
		languageOptions: { sourceType: 'commonjs' },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
