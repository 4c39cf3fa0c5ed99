// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tests of fs_explain.c's suggestions (and fs_advice.c under them): the
 * target chooses the path a suggestion names, so a table of hostile paths
 * must each get either a harmless grant or none, with the reason, byte
 * for byte: the machine, system directories to write, the home and what
 * is hidden in it (but ci's caches and toolchains), another user's home,
 * the services' sockets and data, ci's secrets, names a shell or a
 * policy line would read otherwise, "..", "//", symbolic links to any
 * of those; and the ordinary paths keep theirs.  "~" in the table stands
 * for the home, a temporary directory.
 */
#include "policy_helper.h"
#include "supervise/fs_explain.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

enum { R = CAGE_FS_READ, W = CAGE_FS_WRITE, X = CAGE_FS_EXEC };

#define SYS(d)                                                                 \
	d " is a system directory; grant it only if you trust the program"
#define HIDDEN(n)                                                              \
	"a hidden file of the home (~/" n "): secrets and start-up files"
#define SHARED(d)   d " is shared by every program (their sockets too)"
#define SECRET(s)   "a secret (" s "): keys, tokens, credentials"
#define HOME_ITSELF "the home itself (every secret in it)"
#define ODD	    "its name has characters a shell or a policy line reads otherwise"
#define LINK	    "a symbolic link leads it elsewhere: "

static const struct row {
	const char *path;
	unsigned need;
	const char *allow, *option, *withheld; /* "~": the home */
} rows[] = {
	/* The machine, and its system directories to write. */
	{"/", R, "", "", "/ is the whole machine"},
	{"/", W, "", "", "/ is the whole machine"},
	{"/etc", W, "", "", SYS("/etc")},
	{"/etc/x", W, "", "", SYS("/etc")},
	{"/etc/hosts", R, "fs ro /etc/hosts", "--ro /etc/hosts", ""},
	{"/etc", R, "", "",
	 "it holds a secret (/etc/shadow): keys, tokens, credentials"},
	{"/etc/shadow", R, "", "", SECRET("/etc/shadow")},
	{"/etc/ssl/private/k.pem", R, "", "", SECRET("/etc/ssl/private")},
	{"/usr/local/bin/x", W, "", "", SYS("/usr")},
	{"/usr/local/bin/x", X, "fs rx /usr/local/bin/x",
	 "--rx /usr/local/bin/x", ""},
	{"/bin", W | X, "", "", SYS("/bin")},
	{"/sbin/x", W, "", "", SYS("/sbin")},
	{"/lib64/x", W, "", "", SYS("/lib64")},
	{"/libx32", W, "", "", SYS("/libx32")},
	{"/boot/grub", W, "", "", SYS("/boot")},
	{"/opt/tool", W, "", "", SYS("/opt")},
	{"/var", W, "", "", SYS("/var")},
	{"/var/log/x", W, "", "", SYS("/var")},
	{"/var/lib/x", W, "", "", "/var/lib holds the services' data"},
	{"/var/lib/x", R, "", "", "/var/lib holds the services' data"},
	{"/var/spool/cron", R, "", "", "/var/spool holds mail and jobs"},
	{"/var/tmp", W, "", "", SHARED("/var/tmp")},
	{"/var/tmp/x", W, "fs rw /var/tmp/x", "--rw /var/tmp/x", ""},
	/* (The home is a directory of /tmp here.) */
	{"/tmp", W, "", "", "it holds the home (every secret in it)"},
	{"/tmp", R, "", "", "it holds the home (every secret in it)"},
	{"/tmp/x", R, "fs ro /tmp/x", "--ro /tmp/x", ""},
	{"/tmp/build", W, "fs rw /tmp/build", "--rw /tmp/build", ""},
	{"/tmp/.X11-unix/X0", R, "", "",
	 "the display's sockets (they act for you)"},
	{"/dev/shm", W, "", "", SHARED("/dev/shm")},
	{"/dev/shm/x", W, "fs rw /dev/shm/x", "--rw /dev/shm/x", ""},
	{"/dev/sda", R, "", "",
	 "/dev holds the devices (disks, input, memory)"},
	{"/proc/1/environ", R, "", "",
	 "/proc shows every process (memory, secrets)"},
	{"/sys/kernel", R, "", "",
	 "/sys holds the kernel's and devices' "
	 "settings"},
	{"/run/docker.sock", R, "", "",
	 "/run holds the services' sockets (they act for you)"},
	{"/var/run/docker.sock", R, "", "",
	 "/var/run holds the services' sockets (they act for you)"},
	{"/srv/data", W, "fs rw /srv/data", "--rw /srv/data", ""},
	{"/srv/donn\xc3\xa9"
	 "es",
	 W,
	 "fs rw /srv/donn\xc3\xa9"
	 "es",
	 "--rw /srv/donn\xc3\xa9"
	 "es",
	 ""},
	/* Other users' homes. */
	{"/root/x", R, "", "", "/root is root's home (every secret in it)"},
	{"/root", W, "", "", "/root is root's home (every secret in it)"},
	{"/home", R, "", "", "/home holds every user's home"},
	{"/home/other/x", R, "", "", "/home holds every user's home"},
	/* The home, and what is hidden in it. */
	{"~", W, "", "", HOME_ITSELF},
	{"~", R, "", "", HOME_ITSELF},
	{"~/..", R, "", "", "it holds the home (every secret in it)"},
	{"~/.ssh/id", R, "", "", HIDDEN(".ssh")},
	{"~/.ssh", W, "", "", HIDDEN(".ssh")},
	{"~/.bashrc", W, "", "", HIDDEN(".bashrc")},
	{"~/.profile", R, "", "", HIDDEN(".profile")},
	{"~/.gitconfig", R, "", "", HIDDEN(".gitconfig")},
	{"~/.aws", R, "", "", HIDDEN(".aws")},
	{"~/.config/autostart/x", W, "", "", HIDDEN(".config")},
	{"~/.local/bin/x", W, "", "", HIDDEN(".local")},
	{"~/.local/bin/x", X, "fs rx $HOME/.local/bin", "--rx ~/.local/bin",
	 ""},
	{"~/.local/lib/x", R, "fs ro $HOME/.local/lib", "--ro ~/.local/lib",
	 ""},
	{"~/.local/share", R, "", "",
	 "it holds a secret (~/.local/share/keyrings): keys, tokens, "
	 "credentials"},
	{"~/.local/share/keyrings/k", R, "", "",
	 SECRET("~/.local/share/keyrings")},
	{"~/.npm/_cacache/x", W, "fs rw $HOME/.npm", "--rw ~/.npm", ""},
	{"~/.npm", W, "fs rw $HOME/.npm", "--rw ~/.npm", ""},
	{"~/.cache/pip/x", R | W, "fs rw $HOME/.cache", "--rw ~/.cache", ""},
	{"~/.cargo/registry/cache/x", W, "fs rw $HOME/.cargo/registry",
	 "--rw ~/.cargo/registry", ""},
	{"~/.cargo", W, "", "", HIDDEN(".cargo")},
	{"~/.cargo/config.toml", R, "", "", HIDDEN(".cargo")},
	{"~/.cargo/credentials.toml", R, "", "", HIDDEN(".cargo")},
	{"~/.cargo/bin/cargo", X, "fs rx $HOME/.cargo/bin", "--rx ~/.cargo/bin",
	 ""},
	{"~/.m2/repository/x", W, "fs rw $HOME/.m2/repository",
	 "--rw ~/.m2/repository", ""},
	{"~/.m2/settings.xml", R, "", "", HIDDEN(".m2")},
	{"~/go/pkg/mod/x", W, "fs rw $HOME/go/pkg/mod", "--rw ~/go/pkg/mod",
	 ""},
	{"~/go/bin/x", W, "", "",
	 "a toolchain of the home (~/go): what is written there runs "
	 "outside the sandbox"},
	{"~/go/bin/x", X, "fs rx $HOME/go", "--rx ~/go", ""},
	{"~/bin", W, "", "",
	 "~/bin is on the PATH: what is written there runs in your shell"},
	{"~/bin/x", R, "fs ro $HOME/bin", "--ro ~/bin", ""},
	/* The ordinary: the first directory below the home, as before. */
	{"~/proj/x", W, "fs rw $HOME/proj", "--rw ~/proj", ""},
	{"~/proj", R, "fs ro $HOME/proj", "--ro ~/proj", ""},
	{"~/proj/.git/hooks", W, "fs rw $HOME/proj", "--rw ~/proj", ""},
	/* "..", "//" and "." as the kernel reads them. */
	{"/srv/data/../../etc", W, "", "", SYS("/etc")},
	{"//etc//x", W, "", "", SYS("/etc")},
	{"/srv/./data/", W, "fs rw /srv/data", "--rw /srv/data", ""},
	{"~/proj/../.ssh/id", R, "", "", HIDDEN(".ssh")},
	{"~/proj/../../x/..", R, "", "",
	 "it holds the home (every secret in it)"},
	/* Names a shell or a policy line reads otherwise. */
	{"/srv/a\nb", W, "", "", ODD},
	{"/srv/a\x1b[2Jb", W, "", "", ODD},
	{"/srv/x /etc", W, "", "", ODD},
	{"/srv/$(id)", W, "", "", ODD},
	{"/srv/`id`", R, "", "", ODD},
	{"/srv/a;b", R, "", "", ODD},
	{"/srv/'a'", R, "", "", ODD},
	{"/srv/a\\b", R, "", "", ODD},
	{"/srv/#x", R, "", "", ODD},
	{"/srv/\xe2\x80\xae", R, "", "", ODD}, /* right-to-left override */
	{"~/a b", W, "", "", ODD},
	{"relative/x", R, "", "", "not an absolute path"},
	/* Symbolic links the target made (set up below). */
	{"~/toetc/x", W, "", "", LINK SYS("/etc")},
	{"~/tossh/id", R, "", "", LINK HIDDEN(".ssh")},
	{"~/tohome/x", R, "", "", LINK HOME_ITSELF},
};

/* ~ in P: the home. */
static void
expand(const char *p, const char *home, char *out, size_t size)
{
	if (p[0] == '~')
		snprintf(out, size, "%s%s", home, p + 1);
	else
		snprintf(out, size, "%s", p);
}

static void
links(void)
{
	char *p = test_tmp_path("toetc"), *q = test_tmp_path(".ssh");

	assert_int_equal(symlink("/etc", p), 0);
	assert_int_equal(mkdir(q, 0700), 0);
	free(p);
	p = test_tmp_path("tossh");
	assert_int_equal(symlink(q, p), 0);
	free(p);
	free(q);
	p = test_tmp_path("tohome");
	assert_int_equal(symlink(".", p), 0);
	free(p);
}

static void
test_table(void **state)
{
	char p[4096];
	int failed = 0;

	(void)state;
	links();
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];
		struct cage_fs_finding f;

		memset(&f, 0x55, sizeof(f));
		expand(r->path, test_tmpdir, p, sizeof(p));
		cage_fs_say_allow(test_tmpdir, p, r->need, &f);
		if (strcmp(f.allow, r->allow) || strcmp(f.option, r->option) ||
		    strcmp(f.withheld, r->withheld)) {
			print_error("row %zu (%s, %u): allow '%s' option '%s' "
				    "withheld '%s'\n",
				    i, r->path, r->need, f.allow, f.option,
				    f.withheld);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

/* The home named through a link: what is under it, either way. */
static void
test_home_link(void **state)
{
	char *real = test_tmp_path("realhome"), *link = test_tmp_path("lh");
	char p[4096];
	struct cage_fs_finding f;

	(void)state;
	assert_int_equal(mkdir(real, 0700), 0);
	assert_int_equal(symlink(real, link), 0);
	snprintf(p, sizeof(p), "%s/.ssh/id", real);
	cage_fs_say_allow(link, p, R, &f);
	assert_string_equal(f.allow, "");
	assert_string_equal(f.withheld, HIDDEN(".ssh"));
	cage_fs_say_allow(link, real, W, &f);
	assert_string_equal(f.withheld, HOME_ITSELF);
	snprintf(p, sizeof(p), "%s/.ssh", link);
	cage_fs_say_allow(link, p, R, &f);
	assert_string_equal(f.withheld, HIDDEN(".ssh"));
	snprintf(p, sizeof(p), "%s/proj/x", real);
	cage_fs_say_allow(link, p, W, &f);
	snprintf(p, sizeof(p), "fs rw %s/proj", real);
	assert_string_equal(f.allow, p);
	free(real);
	free(link);
}

/* A home whose name has a space: the line says $HOME, so what follows
 * is what must be typable. */
static void
test_home_space(void **state)
{
	char *home = test_tmp_path("my home");
	char p[4096];
	struct cage_fs_finding f;

	(void)state;
	snprintf(p, sizeof(p), "%s/proj/x", home);
	cage_fs_say_allow(home, p, W, &f);
	assert_string_equal(f.allow, "fs rw $HOME/proj");
	assert_string_equal(f.option, "--rw ~/proj");
	assert_string_equal(f.withheld, "");
	snprintf(p, sizeof(p), "%s/a b/x", home);
	cage_fs_say_allow(home, p, W, &f);
	assert_string_equal(f.allow, "");
	assert_string_equal(f.withheld, ODD);
	cage_fs_say_allow(home, home, W, &f);
	assert_string_equal(f.withheld, HOME_ITSELF);
	free(home);
}

/* A path too long for the line: nothing rather than a cut one. */
static void
test_long(void **state)
{
	char p[400];
	struct cage_fs_finding f;

	(void)state;
	memset(p, 'a', sizeof(p));
	memcpy(p, "/srv/", 5);
	p[sizeof(p) - 1] = '\0';
	cage_fs_say_allow(test_tmpdir, p, W, &f);
	assert_string_equal(f.allow, "");
	assert_string_equal(f.option, "");
	assert_string_equal(f.withheld, "the path is too long to suggest");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_table, test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_home_link,
						test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_home_space,
						test_tmpdir_setup,
						test_tmpdir_teardown),
		cmocka_unit_test_setup_teardown(test_long, test_tmpdir_setup,
						test_tmpdir_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
