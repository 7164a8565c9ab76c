import { resource } from '../../../shared/operations';
import * as send from './send';
import * as sendAndWait from './sendAndWait';
import * as sendTemplate from './sendTemplate';

export const message = resource('Message', 'message', 'send', [send, sendAndWait, sendTemplate]);
