import { startHarness } from './harness.ts';
import { describeVisitorMessagesAcrossNodes } from './visitor-messages-across-nodes.ts';

describeVisitorMessagesAcrossNodes('SQLite', () => startHarness());
