import { resource } from '../../../shared/operations';
import * as getCredits from './getCredits';

export const account = resource('Account', 'account', 'getCredits', [getCredits]);
