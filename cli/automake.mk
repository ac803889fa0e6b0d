# cli/: canopyctl, the command-line client of the admin API.  Its modules
# are a convenience library so that the unit tests link the same code.
noinst_LTLIBRARIES += cli/libcli.la
cli_libcli_la_SOURCES = \
	cli/cmdline.c cli/cmdline.h \
	cli/http.c cli/http.h \
	cli/input.c cli/input.h \
	cli/jsonread.c cli/jsonread.h \
	cli/render.c cli/render.h \
	cli/table.c cli/table.h \
	cli/url.c cli/url.h
cli_libcli_la_CFLAGS = $(AM_CFLAGS) \
	$(LIBFYAML_CFLAGS) $(LIBEVENT_CFLAGS) $(OPENSSL_CFLAGS)
cli_libcli_la_LIBADD = ofproto/libofproto.la \
	$(LIBFYAML_LIBS) $(LIBEVENT_LIBS) $(OPENSSL_LIBS)

bin_PROGRAMS += cli/canopyctl
cli_canopyctl_SOURCES = cli/canopyctl.c
cli_canopyctl_CFLAGS = $(AM_CFLAGS) $(LIBEVENT_CFLAGS)
cli_canopyctl_LDADD = cli/libcli.la
