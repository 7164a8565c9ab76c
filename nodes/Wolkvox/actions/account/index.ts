import { resource } from '../../../shared/operations';
import * as getTokenUsage from './getTokenUsage';

export const account = resource('Account', 'account', 'getTokenUsage', [getTokenUsage]);
