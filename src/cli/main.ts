import { formatProblem, InputError } from '../lib/engine/messages';
import { ANALYZE_USAGE, analyzeCommand } from './commands/analyze';
import { IMPORT_USAGE, importCommand } from './commands/import';
import { REPORT_USAGE, reportCommand } from './commands/report';
import { UsageError } from './errors';

/** The commands: each parses its own options and returns an exit code. Add one line per command. */
const COMMANDS: Record<string, { run: (args: string[]) => number | Promise<number>; usage: string }> = {
	analyze: { run: analyzeCommand, usage: ANALYZE_USAGE },
	report: { run: reportCommand, usage: REPORT_USAGE },
	import: { run: importCommand, usage: IMPORT_USAGE }
};

const USAGE = `usage:\n${Object.values(COMMANDS)
	.map((command) => `  ${command.usage}`)
	.join('\n')}`;

type Lang = 'zh' | 'en';

function main(argv: string[]): number | Promise<number> {
	const [name, ...args] = argv;
	if (name === undefined || name === '--help' || name === '-h' || args.includes('--help')) {
		console.log(USAGE);
		return 0;
	}
	const command = COMMANDS[name];
	if (!command) throw new UsageError(`unknown command ${name}; known: ${Object.keys(COMMANDS).join(', ')}`);
	return command.run(args);
}

function languageOf(argv: string[]): Lang {
	const index = argv.indexOf('--lang');
	const requested = index >= 0 ? argv[index + 1] : process.env.LANG;
	return requested?.startsWith('zh') ? 'zh' : 'en';
}

const firstLine = (message: string) => message.split('\n')[0];

const argv = process.argv.slice(2);
try {
	process.exitCode = await main(argv);
} catch (error) {
	const lang = languageOf(argv);
	if (error instanceof InputError) {
		const [first, ...rest] = error.problems;
		const more = rest.length ? (lang === 'zh' ? `（另有 ${rest.length} 处问题）` : ` (and ${rest.length} more problems)`) : '';
		console.error(`error: ${first ? formatProblem(first, lang) : error.message}${more}`);
		process.exitCode = 1;
	} else if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
		console.error(`error: ${firstLine(error.message)} (see npm run cli -- --help)`);
		process.exitCode = 2;
	} else {
		console.error(`error: ${firstLine(error instanceof Error ? error.message : String(error))}`);
		process.exitCode = 1;
	}
}
