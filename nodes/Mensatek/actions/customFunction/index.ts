import { resource } from '../../../shared/operations';
import * as call from './call';

export const customFunction = resource('Custom Function', 'customFunction', 'call', [call]);
