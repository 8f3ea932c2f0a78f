// A real WordPress for the embed tests: Debian's package (WordPress 6.1 with the
// Twenty Twenty-Three theme), copied into a temporary folder with a config of its
// own, on a private MariaDB server (its own data folder and socket, no network) and
// PHP's built-in web server on a free loopback port. Nothing outside the temporary
// folder is written or changed; `stop()` ends both servers and removes it.
//
// scripts/install-tools.sh --browser installs the packages (wordpress, wordpress-l10n,
// wordpress-theme-twentytwentythree, mariadb-server, php-cli, php-mysql).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitUntil } from './helpers.mjs';

export const WP_SOURCE = '/usr/share/wordpress';
const MARIADBD = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'].find((p) => existsSync(p));
const INSTALL_DB = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'].find((p) => existsSync(p));
const THEME = 'twentytwentythree';
export const PASSWORD = 'mat-khau-thu-nghiem-123';
export const USERS = { admin: 'quantri', author: 'tacgia' };

/** Why WordPress cannot run here, or null when it can. */
export function missing() {
  if (!existsSync(path.join(WP_SOURCE, 'wp-settings.php'))) return 'Debian package wordpress';
  if (!existsSync(path.join(WP_SOURCE, 'wp-content/themes', THEME))) return 'Debian package wordpress-theme-twentytwentythree';
  if (!existsSync(path.join(WP_SOURCE, 'wp-content/languages/vi.mo'))) return 'Debian package wordpress-l10n';
  if (!MARIADBD || !INSTALL_DB) return 'Debian package mariadb-server';
  if (spawnSync('php', ['-r', 'exit(extension_loaded("mysqli") ? 0 : 1);']).status !== 0) return 'Debian packages php-cli and php-mysql';
  return null;
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 120_000, ...options });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

function phpString(s) {
  return `'${String(s).replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/**
 * Starts MariaDB and WordPress, installs WordPress (site in Vietnamese, the theme,
 * an administrator and an author) and the bantin plugin from `pluginZip`, the zip the
 * portal's build serves, activated when `activate`. `discoverPorts` are ports that
 * WordPress's oEmbed discovery may fetch from besides 80, 443 and 8080.
 * Resolves to { url, debugLog(), stop() }.
 */
export async function startWordPress({ pluginZip, activate = true, discoverPorts = [] }) {
  const why = missing();
  if (why) throw new Error(`WordPress cannot run: ${why} is missing (scripts/install-tools.sh --browser installs it)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bantin-wp-'));
  const children = [];
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        // Each server runs in a process group of its own (PHP's workers are children).
        const kill = (signal) => {
          try {
            process.kill(-child.pid, signal);
          } catch {
            child.kill(signal);
          }
        };
        const exited = new Promise((resolve) => child.once('exit', resolve));
        kill('SIGTERM');
        const timer = setTimeout(() => kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // The database: a private server on a socket in the folder.
    const data = path.join(dir, 'db');
    const socket = path.join(dir, 'db.sock');
    const user = os.userInfo().username;
    run(INSTALL_DB, [
      '--no-defaults',
      `--datadir=${data}`,
      `--user=${user}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ]);
    const db = spawn(
      MARIADBD,
      [
        '--no-defaults',
        `--datadir=${data}`,
        `--socket=${socket}`,
        `--pid-file=${path.join(dir, 'db.pid')}`,
        `--log-error=${path.join(dir, 'db.err')}`,
        '--skip-networking',
        `--user=${user}`,
        '--innodb-buffer-pool-size=32M',
      ],
      { stdio: 'ignore', detached: true },
    );
    children.push(db);
    await waitUntil(() => existsSync(socket), { timeout: 30_000, interval: 100, message: 'MariaDB to start' }).catch((e) => {
      throw new Error(`${e.message}: ${existsSync(path.join(dir, 'db.err')) ? readFileSync(path.join(dir, 'db.err'), 'utf8') : ''}`);
    });
    run('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', 'CREATE DATABASE wordpress CHARACTER SET utf8mb4']);

    // WordPress: a copy of Debian's tree (its own wp-config.php reads /etc/wordpress).
    const root = path.join(dir, 'wp');
    // Debian links its bundled libraries (underscore, jQuery…) relatively: copy the files.
    cpSync(WP_SOURCE, root, { recursive: true, dereference: true });
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const debugLog = path.join(dir, 'debug.log');
    writeFileSync(
      path.join(root, 'wp-config.php'),
      `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', ${phpString(`localhost:${socket}`)});
define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', ${phpString(url)});
define('WP_SITEURL', ${phpString(url)});
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_DEBUG', true);
define('WP_DEBUG_LOG', ${phpString(debugLog)});
define('WP_DEBUG_DISPLAY', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('FS_METHOD', 'direct');
foreach (['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE'] as $k) {
  define($k . '_KEY', 'e2e-' . $k . '-key');
  define($k . '_SALT', 'e2e-' . $k . '-salt');
}
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`,
    );
    // Installed as a site owner would: the plugin from the portal's zip, with
    // WordPress's own unzip.
    const install = path.join(dir, 'install.php');
    writeFileSync(
      install,
      `<?php
$_SERVER['HTTP_HOST'] = ${phpString(`127.0.0.1:${port}`)};
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require ${phpString(path.join(root, 'wp-load.php'))};
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
$r = wp_install('Trang của đơn vị đối tác', ${phpString(USERS.admin)}, 'quantri@example.test', false, '', ${phpString(PASSWORD)}, 'vi');
if (is_wp_error($r)) { fwrite(STDERR, $r->get_error_message()); exit(1); }
switch_theme(${phpString(THEME)});
$author = wp_create_user(${phpString(USERS.author)}, ${phpString(PASSWORD)}, 'tacgia@example.test');
if (is_wp_error($author)) { fwrite(STDERR, $author->get_error_message()); exit(1); }
(new WP_User($author))->set_role('author');
// Gravatar is out of reach of a closed network.
update_option('show_avatars', 0);
WP_Filesystem();
$z = unzip_file(${phpString(pluginZip)}, WP_PLUGIN_DIR);
if (is_wp_error($z)) { fwrite(STDERR, 'unzip: ' . $z->get_error_message()); exit(1); }
if (${activate ? 'true' : 'false'}) {
  $a = activate_plugin('bantin/bantin.php');
  if (is_wp_error($a)) { fwrite(STDERR, 'activate: ' . $a->get_error_message()); exit(1); }
}
echo "ok\\n";
`,
    );
    if (discoverPorts.length) {
      // WordPress's oEmbed discovery refuses ports other than 80, 443 and 8080; a
      // public portal is on one of them, the test's portal is not.
      mkdirSync(path.join(root, 'wp-content/mu-plugins'), { recursive: true });
      writeFileSync(
        path.join(root, 'wp-content/mu-plugins/e2e-ports.php'),
        `<?php
add_filter('http_allowed_safe_ports', function ($ports) { return array_merge($ports, [${discoverPorts.map(Number).join(', ')}]); });
`,
      );
    }
    run('php', [install]);

    const router = path.join(dir, 'router.php');
    // What a web server's rewrite rules do for WordPress: files as they are, every
    // other path to index.php.
    writeFileSync(
      router,
      `<?php
$file = ${phpString(root)} . parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (is_file($file) || (is_dir($file) && is_file(rtrim($file, '/') . '/index.php'))) return false;
$_SERVER['SCRIPT_NAME'] = '/index.php';
require ${phpString(path.join(root, 'index.php'))};
`,
    );
    const webLog = path.join(dir, 'php-server.log');
    const web = spawn('sh', ['-c', `exec php -S 127.0.0.1:${port} -t "$0" "$1" >"$2" 2>&1`, root, router, webLog], {
      cwd: root,
      stdio: 'ignore',
      detached: true,
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
    });
    children.push(web);
    await waitUntil(
      async () => {
        if (web.exitCode !== null) throw new Error(`php -S exited: ${readFileSync(webLog, 'utf8')}`);
        return (await fetch(`${url}/wp-login.php`)).ok;
      },
      { timeout: 30_000, interval: 100, message: 'WordPress to answer' },
    );
    return {
      url,
      dir,
      /** WordPress's PHP notices and warnings so far (WP_DEBUG_LOG). */
      debugLog: () => (existsSync(debugLog) ? readFileSync(debugLog, 'utf8') : ''),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Logs `page` in as `user` through wp-login.php. The login page's own scripts
 * run after load (they focus and select the user field, and set up the
 * password's show/hide button), and once in a fresh run the form went out
 * with an empty password: the fields are checked just before the click, and
 * a form WordPress sends back ("the password field is empty") is filled again,
 * at most three times.
 */
export async function logIn(page, wp, user) {
  let shown = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.goto(`${wp.url}/wp-login.php`);
    await page.waitForLoadState('networkidle');
    const name = page.locator('#user_login');
    const pass = page.locator('#user_pass');
    for (let i = 0; i < 5 && !((await name.inputValue()) === user && (await pass.inputValue()) === PASSWORD); i++) {
      await name.fill(user);
      await pass.fill(PASSWORD);
    }
    await page.locator('#wp-submit').click();
    const ok = await page
      .waitForURL(/wp-admin/, { timeout: 30_000 })
      .then(() => true)
      .catch(() => false);
    if (ok) return;
    shown = await page.locator('#login_error').textContent().catch(() => '');
  }
  throw new Error(`logging in as ${user} failed three times (${page.url()}): ${shown}`);
}

/**
 * Publishes a post as the logged-in user through the REST API, as the block editor
 * does (WordPress filters the content by the user's role: kses for authors).
 * Resolves to the post's { id, link, content } as stored.
 */
export async function publish(page, wp, title, content) {
  return page.evaluate(
    async ({ base, title, content }) => {
      const nonce = await (await fetch(`${base}/wp-admin/admin-ajax.php?action=rest-nonce`)).text();
      const res = await fetch(`${base}/?rest_route=/wp/v2/posts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce },
        body: JSON.stringify({ title, content, status: 'publish' }),
      });
      const post = await res.json();
      if (!res.ok) throw new Error(`publish: ${res.status} ${JSON.stringify(post)}`);
      const raw = await (await fetch(`${base}/?rest_route=/wp/v2/posts/${post.id}&context=edit`, { headers: { 'X-WP-Nonce': nonce } })).json();
      return { id: post.id, link: post.link, content: raw.content.raw };
    },
    { base: wp.url, title, content },
  );
}
