// OvoWpp and WapiFlow (a brand of the same product) loaded the way n8n loads a community package:
// n8n-core's directory loader takes each file's class by the file's name, adds the codex, fixes the
// icon paths and adds its own fields (a polling trigger's Poll Times). Only the class loading is
// replaced (n8n requires the built .js; here the TypeScript classes are given to it).
import path from 'node:path';
import { CustomDirectoryLoader } from 'n8n-core';
import { describe, expect, it } from 'vitest';
import { OvoWppApi } from '../../credentials/OvoWppApi.credentials';
import { WapiFlowApi } from '../../credentials/WapiFlowApi.credentials';
import { OvoWpp } from '../../nodes/OvoWpp/OvoWpp.node';
import { OvoWppTrigger } from '../../nodes/OvoWpp/OvoWppTrigger.node';
import { WapiFlow } from '../../nodes/WapiFlow/WapiFlow.node';
import { WapiFlowTrigger } from '../../nodes/WapiFlow/WapiFlowTrigger.node';

/* eslint-disable @typescript-eslint/no-explicit-any */
const root = path.resolve(import.meta.dirname, '../..');
const classes: Record<string, new () => any> = { OvoWpp, OvoWppTrigger, WapiFlow, WapiFlowTrigger, OvoWppApi, WapiFlowApi };

class Loader extends CustomDirectoryLoader {
	loadClass(sourcePath: string) {
		const [className] = path.parse(sourcePath).name.split('.');
		return new classes[className]();
	}
}

function load() {
	const loader = new Loader(root) as any;
	// nodes first, as n8n does: the credentials learn which nodes use them
	for (const file of ['OvoWpp/OvoWpp', 'OvoWpp/OvoWppTrigger', 'WapiFlow/WapiFlow', 'WapiFlow/WapiFlowTrigger']) loader.loadNodeFromFile(`nodes/${file}.node.js`);
	for (const file of ['OvoWppApi', 'WapiFlowApi']) loader.loadCredentialFromFile(`credentials/${file}.credentials.js`);
	const node = (name: string) => loader.types.nodes.find((d: any) => d.name === name);
	const credential = (name: string) => loader.types.credentials.find((c: any) => c.name === name);
	return { node, credential };
}

describe('OvoWpp brands as n8n loads them', () => {
	it('each polling trigger has one Poll Times field, loaded together in one n8n', () => {
		const { node } = load();
		for (const name of ['ovoWppTrigger', 'wapiFlowTrigger']) {
			const fields = node(name).properties.map((p: any) => p.name);
			expect(fields.filter((f: string) => f === 'pollTimes'), name).toHaveLength(1);
			expect(fields.filter((f: string) => f === 'events'), name).toHaveLength(1);
		}
	});

	it("each brand's node, trigger and credential carry its name, icon, credential and host", () => {
		const { node, credential } = load();
		const brands = [
			{ name: 'OvoWpp', type: 'ovoWpp', icon: 'ovowpp', folder: 'OvoWpp', host: 'https://www.masenvios.net/external-api' },
			{ name: 'WapiFlow', type: 'wapiFlow', icon: 'wapiflow', folder: 'WapiFlow', host: 'https://wapiflow.cloud/external-api' },
		];
		for (const b of brands) {
			const app = node(b.type);
			const trigger = node(`${b.type}Trigger`);
			const cred = credential(`${b.type}Api`);
			expect(app).toMatchObject({ displayName: b.name, defaults: { name: b.name }, version: [1, 2, 3], defaultVersion: 3, usableAsTool: true });
			expect(app.credentials).toEqual([{ name: `${b.type}Api`, required: true }]);
			expect(app.description).toMatch(new RegExp(` in ${b.name}$`));
			expect(trigger).toMatchObject({ displayName: `${b.name} Trigger`, defaults: { name: `${b.name} Trigger` }, polling: true, version: 1 });
			expect(trigger.credentials).toEqual([{ name: `${b.type}Api`, required: true }]);
			expect(trigger.description).toMatch(new RegExp(`^${b.name} \\(WhatsApp\\): send `));
			// n8n turns each `file:` icon into a path beside the loaded file
			const icons = { light: `icons/CUSTOM/nodes/${b.folder}/${b.icon}.svg`, dark: `icons/CUSTOM/nodes/${b.folder}/${b.icon}.dark.svg` };
			for (const d of [app, trigger]) expect(d.iconUrl, d.name).toEqual(icons);
			expect(cred).toMatchObject({ displayName: `${b.name} API`, iconUrl: icons });
			expect(cred.properties.find((p: any) => p.name === 'baseUrl').default).toBe(b.host);
			expect(cred.documentationUrl).not.toContain('#');
		}
	});

	it('the brand classes hold what n8n-node lint checks in a literal class (the factory-made classes are not read by it)', () => {
		for (const Cls of [OvoWppApi, WapiFlowApi]) {
			const c = new Cls();
			expect(c.name).toMatch(/Api$/);
			expect(typeof c.authenticate).toBe('function');
			expect(c.test.request).toMatchObject({ url: '/inbox/template-list', ignoreHttpStatusErrors: true });
			expect(c.properties.find((p) => p.name === 'clientSecret')?.typeOptions).toEqual({ password: true });
		}
		for (const Cls of [OvoWppTrigger, WapiFlowTrigger]) expect(new Cls().description.usableAsTool).toBeUndefined();
		for (const Cls of [OvoWpp, WapiFlow]) expect(new Cls().description).toMatchObject({ usableAsTool: true, subtitle: expect.any(String) });
	});
});
