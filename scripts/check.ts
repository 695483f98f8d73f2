/**
 * `npm run check [-- options of reduce]`: validates config, content, ledger and inputs, prints every
 * problem (one line each) and writes nothing. Exit 0 no problem, 1 some inputs or content files
 * failed, 2 bad config, unusable inputs or a ledger problem.
 */
import { runReduceCli } from './reduce';

process.exitCode = await runReduceCli('check', process.argv.slice(2));
