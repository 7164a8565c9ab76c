// Not an operation: the statuses live in helpers/conversations.ts. This path stays while trigger/
// (another change in progress) imports it from here; remove once trigger/ imports the helper.
export { CONVERSATION_STATUSES, CONVERSATION_STATUS_FILTER, STATUS_NAMES } from '../../helpers/conversations';
