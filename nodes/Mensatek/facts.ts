import type { Facts } from '../shared/facts';

// Mensatek (API v7) facts the node, the trigger and the sandbox rely on, tagged as providers.md (§3)
// tags them. Pure data: the sandbox loads this file too (sandbox/facts.mjs), so it imports types only.
// Open facts have no value: the node shows Mensatek's own words for them instead of guessing.
export const FACTS = {
	// ---- Transport: every answer is HTTP 200 with Res ----
	acceptedAbove: {
		tag: 'code',
		value: 0,
		source: 'providers.md §3 Transport: "`Res` > 0 means accepted"',
	},
	authError: {
		tag: 'code',
		value: -1,
		source: 'providers.md §3 Transport: "−1 authentication error"; "Bad credentials answer HTTP 200 with `Res: -1`"',
	},
	noCredit: {
		tag: 'code',
		value: [-2, -5],
		source: 'providers.md §3 Transport: "−2 not enough credit" and, in v7 clients [code, third-party], "−5 not enough credit"',
	},
	parameterError: {
		tag: 'code',
		value: -3,
		source: 'providers.md §3 Transport: "−3 parameter error with the detail in `Error`"',
	},
	attachmentRefused: {
		tag: 'code',
		value: -4,
		source: 'providers.md §3 Transport: "−4 attachment not allowed" [code, third-party]',
	},
	contractPdfCodes: {
		tag: 'code',
		value: [-15, -16],
		source: 'providers.md §3 Transport: "−15/−16 (contract PDF functions)" [code, third-party]',
	},
	bareNumberIsRes: {
		tag: 'code',
		value: true,
		source: 'providers.md §3 Transport: "A body that is just `-1` (not JSON) has been seen; treat a bare number as `Res`"',
	},
	respJsonInBody: {
		tag: 'code',
		value: { Resp: 'JSON' },
		source: 'providers.md §3 Transport: "Always send `Resp=JSON`" [doc]; "`Resp=JSON` must be in the **body**" [code, third-party]',
	},
	errorField: {
		tag: 'code',
		value: 'Error',
		source: 'providers.md §3 Transport: "−3 parameter error with the detail in `Error`"',
	},
	// The first name present wins: idMensaje ?? Msgid, Enviados ?? Mensajes.
	sendIdFields: {
		tag: 'code',
		value: ['idMensaje', 'Msgid'],
		source: 'providers.md §3 Transport: "clients read `idMensaje ?? Msgid`" [code, third-party]; idMensaje [doc]',
	},
	sentCountFields: {
		tag: 'code',
		value: ['Enviados', 'Mensajes'],
		source: 'providers.md §3 Transport: "clients read … `Enviados ?? Mensajes`" [code, third-party]; Enviados [doc]',
	},
	notSentField: {
		tag: 'doc',
		value: 'NoEnviados',
		source: 'providers.md §3 Functions: "`NoEnviados` the number of erroneous or not-sent recipients"',
	},
	// Cred is a number when it is one; otherwise (e.g. "14.970,00") the raw value is kept.
	creditFields: {
		tag: 'code',
		value: ['Cred', 'Saldo'],
		source: 'providers.md §3 Transport: "`Cred` is the remaining credit"; "clients also parse `Saldo` and Spanish-formatted strings (`"14.970,00"`) [code, weak]: read `Cred` as a number when it is one, otherwise keep the raw value"',
	},
	blockedAnswer: {
		tag: 'open',
		// The sandbox blocks with HTTP 200, Res -1 and this Error text (its own invention).
		sandbox: 'Conexión bloqueada temporalmente por exceso de peticiones erróneas (spam)',
		source: 'providers.md §3 Transport: "What Mensatek answers while it blocks a connection for repeated failed calls is [open]: never say that `Res: -1` means blocked"',
	},

	// ---- Functions ----
	templateApproved: {
		tag: 'doc',
		value: { Estado: 'APPROVED', Verificada: '1' },
		source: 'providers.md §3 Functions: GetPlantillasWhatsapp `Estado` (APPROVED, …), `Verificada` (1 = approved)',
	},
	templateStates: {
		tag: 'doc',
		value: ['APPROVED', 'PENDING', 'REJECTED', 'DISABLED', 'PAUSED'],
		source: 'providers.md §3 Functions: GetPlantillasWhatsapp `Estado (APPROVED, PENDING, REJECTED, DISABLED, PAUSED)`',
	},
	guessedDataFields: {
		tag: 'code',
		value: { text: 'Texto', url: 'URL', caption: 'Texto' },
		source: 'providers.md §3 Functions: third-party guesses "`TEXTO` → `{"Texto": …}`, media → `{"URL": …, "Texto": caption}`"',
	},
	otherDataShapes: {
		tag: 'open',
		// The sandbox takes any object for these types and shows its Texto (or Mensaje) field.
		sandbox: 'any JSON object; the inbox shows its Texto or Mensaje',
		source: 'providers.md §3 Functions: "`Datosmensaje` shapes … For the other types the shape is [open]"; the node lets the user pass the object as JSON',
	},
	failedRecipients: {
		tag: 'open',
		// The sandbox's own Error text names them: "destinatario <n>: <why>", joined by "; ".
		sandbox: 'destinatario 1: teléfono no válido',
		source: 'providers.md §3 Functions: "Which recipients failed is not said [open]"',
	},

	// ---- Real-time reports (the trigger) ----
	reportFields: {
		tag: 'doc',
		value: ['Servicio', 'Direccion', 'Estado', 'Telefono', 'idMensaje'],
		source: 'providers.md §3 Real-time reports: "Fields [doc]: `Servicio`, `Direccion`, `Estado`, `Telefono`, … `idMensaje`"',
	},
	reportDirections: {
		tag: 'doc',
		value: { incoming: 'INPUT', status: 'OUTPUT' },
		source: 'providers.md §3 Real-time reports: "`Direccion` (`INPUT` received / `OUTPUT` sent)"',
	},
	// Report (0/1) asks for the status reports (OUTPUT) of a send; incoming messages (INPUT) are
	// reported whenever the panel option is on, whatever Report said.
	reportFlagGoverns: {
		tag: 'doc',
		value: 'OUTPUT',
		source: 'providers.md §3 Real-time reports: "The send parameter `Report` (0/1) asks for status reports of that send; incoming messages are reported whenever the panel option is on, whatever `Report` said [doc, seed l.190]"',
	},
	incomingEstadoExample: {
		tag: 'doc',
		value: 8,
		source: 'providers.md §3 Real-time reports: "the one example is `Estado: 8` on an INPUT report"',
	},
	estadoMeanings: {
		tag: 'open',
		// The sandbox's own status numbers for the OUTPUT reports it posts.
		sandbox: { SENT: 1, DELIVERED: 2, READ: 3, FAILED: 9 },
		source: 'providers.md §3 Real-time reports: "The meaning of each `Estado` value is [open]"',
	},
} as const satisfies Facts;
