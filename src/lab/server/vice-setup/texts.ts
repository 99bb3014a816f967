// What Coda 8.1's vice-setup scripts print (coda-src/scripts/vice-setup*.in at 8.1.7, checked against the
// transcripts in shared/coda/OBSERVED.md). Prompts printed with `echon` end without a newline; the maximum-files
// question is two `echo`s and so ends in one. 6.9.10's differences are in texts-6.ts.

export const WELCOME = 'Welcome to the Coda Server Setup script!\n\n';
export const confExists = (conf: string): string => `You already have a file ${conf}!\nContinuing will remove that file.\n`;
export const ASK_CONTINUE = 'Do you want to continue? [yes/no] ';
export const NOT_CONFIGURING = 'Not configuring a coda server!\n';
export const SETTING_UP_CONFIG = 'Setting up config files for a coda server.\n';
export const ASK_VICEDIR = 'What is the root directory for your coda server(s)? [/vice] ';
export const vicedirDone = (vicedir: string): string => `Setting up ${vicedir}.\nDirectories under ${vicedir} are set up.\n\n`;
export const ASK_SCM = 'Is this the master server, aka the SCM machine? (y/n) ';
export const ASK_SCM_NAME = 'Enter the hostname of the SCM machine : ';
export const askUpdateToken = (scm: string): string => `Enter the update token that matches SCM ${scm}: `;
export const fetching = (scm: string): string => `Fetching needed files from SCM ${scm}.\n`;
export const NO_SCM = 'Could not contact SCM.\nCheck whether the updatesrv process is running on the SCM.\n';
export const cannotFetch = (which: string, self: string): string => `Could not fetch ${which} from SCM.  Make sure SCM is setup\ncorrectly and then rerun ${self}.\n`;
export const NOT_SET_UP = (self: string): string => `Your coda server is not completely setup.  You will need\nset it up by hand or fix the problems and rerun ${self}.\n`;
export const ASK_TUNNEL = 'Would you like codatunnel enabled? [yes/no] ';
export const NON_SCM_INSTALL = 'Now installing things specific to non-SCM machines...\n';
export const SCM_TOKENS = '\nSetting up tokens for authentication.\n';
export const TOKEN_WARNING = 'The following token must be identical on all servers.\n';
export const ASK_TOKEN = (what: string): string => `Enter a random token for ${what} authentication : `;
export const TOKENS_DONE = 'tokens done!\n\nSetting up the file list for update client\nFilelist for update ready.\n';
export const SCM_INSTALL = 'Now installing files specific to the SCM...\n';
export const SERVERS_FILE = '\nSetting up servers file.\n';
export const askServerId = (host: string): string => `Enter an id for the SCM server. (hostname ${host})\nThe serverid is a unique number between 0 and 255.\nYou should avoid 0, 127, and 255.\nserverid: `;
export const USERS = 'Setting up users and groups for Coda\n\nYou need to give me a uid (not 0 or 1) and username (not root)\nfor a Coda System:Administrator member on this server,\n(sort of a Coda super user)\n\nI will create the initial administrative user with Coda password\n"changeme". This user/password is only for authenticating with\nCoda and not for logging into your system (i.e. we don\'t use\n/etc/passwd authentication for Coda)\n\n';
export const ASK_UID = 'Enter the uid of this user: ';
export const ASK_USERNAME = 'Enter the username of this user: ';

export const RVM_INTRO = `
A server needs a small log file or disk partition, preferably on a
disk by itself. It also needs a metadata file or partition of approx
4% of your filespace.

Raw partitions have advantages because we can write to the disk
faster, but we have to load a copy of the complete RVM data
partition into memory. With files we can use a private mmap, which
reduces memory pressure and speeds up server startup by several
orders of magnitude.

Servers with a smaller dataset but heavy write activity will
probably benefit from partitions. Mostly read-only servers with a
large dataset will definitely benefit from an RVM data file. Nobody
has really measured where the breakeven point is, so I cannot
really give any hard numbers.

-------------------------------------------------------
WARNING: you are going to play with your partitions now.
verify all answers you give.
-------------------------------------------------------

WARNING: these choices are not easy to change once you are up and running.

`;
export const ASK_RVM_READY = 'Are you ready to set up RVM? [yes/no] ';
export const ASK_LOG_FILE = 'What will be your log file (or partition)? ';
export const LOG_SIZE_TEXT = `
The log size must be smaller than the available space in the log
partition. A smaller log will be quicker to commit, but the log
needs to be large enough to handle the largest transaction. A
larger log also allows for better optimizations. We recommend
to keep the log under 30M log size, many people have successfully
used as little as 2M, and 20M has worked well with our servers.
`;
export const ASK_LOG_SIZE = "What is your log size? (enter as e.g. '20M') ";
export const ASK_DATA_FILE = 'Where is your data file (or partition)? ';
export const DATA_SIZE_TEXT = `
The amount of RVM we need to store the metadata for a given
amount file space can vary enormously. If your typical data set
consists of many small files, you definitely need more RVM, but
if you tend to store large files (mp3s, videos or image data)
we don't need all that much RVM.

Here are some random samples,
  mp3 files     ~0.08MB RVM per GB.
  jpeg images   ~0.50MB RVM per GB.
  email folders ~37.8MB RVM per GB (maildir, 1 file per message)
  netbsd-pkgsrc  ~180MB RVM per GB (large tree but not much data)

To get a more precize number for your dataset there is a small
tool (rvmsizer) which can reasonably predict the amount of RVM
data we need for a file tree.

Remember that RVM data will have to be mmapped or loaded
into memory, so if anything fails with an error like
RVM_EINTERNAL you might have to add more swap space.

`;
export const ASK_DATA_SIZE = 'What is the size of you data file (or partition)\n[32M, 64M, 128M, 256M, 512M, 768M, 1G]: ';
export const wipeWarning = (log: string, logSize: string, data: string, dataSizeMb: number): string =>
  `\n--------------------------------------------------------\nWARNING: DATA and LOG partitions are about to be wiped.\n--------------------------------------------------------\n\n  --- log area: ${log}, size ${logSize}.\n  --- data area: ${data}, size ${dataSizeMb} MB.\n\n`;
export const ASK_WIPE = 'Proceed, and wipe out old data? [y/n] ';
export const LOG_DONE = '\n\nLOG file has been initialized!\n\n';
export const RDSINIT = '\nRdsinit will initialize data and log.\nThis takes a while.\nrvm_initialize succeeded.\nGoing to initialize data file to zero, could take awhile.\ndone.\nrds_zap_heap completed successfully.\nrvm_terminate succeeded.\n';
export const RVM_DONE = 'RVM setup is done!\n\n';
export const RVM_NOT_READY = 'Run vice-setup-rvm when you are ready!\n';
export const EXPERIMENTAL_SIZE = '\n!!!!!!!!!!!!!!\nYour size is an experimental size.  Be warned!\nYou may want to run with private mapping for RVM.\n\n';
export const UNSUPPORTED_SIZE = 'You have selected an unsupported size and this script\nwill not setup your RVM with this size.  Are you sure\nyou want this size?  (yes/no) ';
export const SRVDIR_INTRO = `
Directories on the server will be used to store container files
that hold the actual data of files stored in Coda. Directory
contents as well as metadata will be stored in the RVM segment
that we already configured earlier.

You should only have one container file hierarchy for each disk
partition, otherwise the server will generate incorrect
estimates about the actual amount of exportable disk space.

`;
export const ASK_PARTITION = 'Where shall we store your file data [/vicepa]? ';
export const askVicetab = (partition: string): string => `Shall I set up a vicetab entry for ${partition} (y/n) `;
export const ASK_MAX_FILES = 'Select the maximum number of files for the server.\n[256K, 1M, 2M, 16M]: \n';
export const srvdirDone = (partition: string): string => `\nServer directory ${partition} is set up!\n`;
export const nonScmClosing = (host: string, scm: string): string => `You have set up ${host}
Your SCM is ${scm}
Other config files will be fetched from the SCM by updateclnt.

To finish your server setup you should start the update and
authentication daemons:

      updateclnt
      auth2

After that, there is still some configuration needed on the SCM before
this server can be started.

An entry for this host is needed in /vice/db/servers
Then all servers need to be shut down and restarted, as they need to
learn about the existence of the new server.
After all that it _should_ be ok to start the new server and create
your first replicated volume.
`;
export const ftreedbExists = (dir: string, self: string, vicedir: string): string => `An FTREEDB exists in ${dir}.  Clean up first and rerun ${self}\nYou may also want to clean up ${vicedir}/db/vicetab\n`;
export const cannotMkdir = (dir: string): string => `Could not make ${dir} as a directory. Exiting.\nRun vice-setup-srvdir to repeat this step.\n`;
export const alreadyInVicetab = (dir: string, vicedir: string): string => `${dir} already in ${vicedir}/db/vicetab. Please clean up first.\n`;
export const CHOOSE_LISTED = 'Choose from one of the listed values.\n';
export const NO_VICETAB = '\nRead vicetab(5) for set up info.\n\nPress return to continue\n';
export const SCM_CONGRATS = 'Congratulations: your configuration is ready...\n\n';
export const ASK_START = 'Shall I try to get things started? (y/n) ';
export const scmClosing = (host: string, partition: string): string => `Here is what you would have to execute to get things up and running
 auth2        - Coda authentication server
 updatesrv    - Coda update server
 updateclnt   - Coda update client
 startserver  - Coda file server

 createvol_rep / ${host}${partition}   - create initial root volume

enjoy Coda.
 for more information see http://www.coda.cs.cmu.edu.
`;

/** vice-setup-srvdir's width/depth per maximum number of files (REFERENCE §5). */
export const FTREE_GEOMETRY: Record<string, string> = { '256K': 'width=64,depth=3', '1M': 'width=32,depth=4', '2M': 'width=128,depth=3', '16M': 'width=256,depth=3' };
