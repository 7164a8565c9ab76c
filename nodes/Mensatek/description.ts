// The Mensatek Trigger imports PROVEN from here; it lives in proven.ts.
export { PROVEN } from './proven';
