// Where Coda 6.9.10's vice-setup scripts (coda-src/scripts/vice-setup*.in at tag coda-6.9.10) print something
// else than 8.1's (texts.ts): the server.conf question first, no codatunnel question, a few words, and the
// non-SCM closing lines. The RVM and partition dialogs share 8.1's wording except where noted here.
import { RVM_INTRO as RVM_INTRO_8 } from './texts.js';

export const confExists = (conf: string): string => `You already have a file ${conf}!\nContinueing will remove that file.\n`;
export const askCreateConf = (conf: string): string => `Do you want the file ${conf} created? [yes] `;
/** vice-setup-rvm 6.9.10 still says "preferrably". */
export const RVM_INTRO = RVM_INTRO_8.replace('preferably', 'preferrably');
/**
 * vice-setup-user 6.9.10 does not parse (a lone `;` after `then` at line 69): dash runs the echo lines before the
 * loop, then stops with this message and status 2, and vice-setup gives up (OBSERVED: a real 6.9.10 SCM cannot
 * be set up by the script unpatched).
 */
export const userSyntaxError = (script: string): string => `${script}: 69: Syntax error: ";" unexpected\n`;

export const nonScmClosing = (host: string, scm: string): string => `You have set up  ${host}
Your SCM is ${scm}
Other config files will be fetched from the SCM by updateclnt.

To finish your server setup you should

 start updateclnt as:  updateclnt -h ${scm} 
 start the auth2 server as: auth2 -chk

After that, there is still some configuration needed on the SCM before
this server can be started.

An entry for this host is needed in /vice/db/servers
Then all servers need to be shut down and restarted, as they need to
know about the new server.
After all that it _should_ be ok to start the new server and create
your first replicated volume.
`;
