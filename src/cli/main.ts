import { Command } from 'commander';
import { registerAnalyze } from './analyze.command.ts';
import { registerBackup } from './backup.command.ts';
import { registerCheck } from './check.command.ts';
import { registerImport } from './import.command.ts';
import { registerServe } from './serve.command.ts';
import { registerUser } from './user.command.ts';

/** The `lifeboat` command: one file per command, each registering itself on the program. */
const program = new Command('lifeboat')
  .description('Lifeboat: IT service continuity management')
  .showHelpAfterError()
  .exitOverride((error) => {
    // Usage errors exit 2; help and version exit 0.
    process.exit(error.exitCode === 0 ? 0 : 2);
  });

registerServe(program);
registerCheck(program);
registerImport(program);
registerAnalyze(program);
registerBackup(program);
registerUser(program);

await program.parseAsync(process.argv);
