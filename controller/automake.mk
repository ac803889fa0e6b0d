# controller/: the daemon.  Its modules are built as a convenience library so
# the unit tests link the same code the daemon runs.
noinst_LTLIBRARIES += controller/libcontroller.la
controller_libcontroller_la_SOURCES = \
	controller/admin.c controller/admin.h \
	controller/apphost.c controller/apphost.h \
	controller/config.c controller/config.h \
	controller/conn.c controller/conn.h \
	controller/controller.c controller/controller.h \
	controller/flowjson.c controller/flowjson.h \
	controller/json.c \
	controller/log.c controller/log.h \
	controller/netview.c controller/netview.h \
	controller/ofconn.c controller/ofconn.h \
	controller/ofreq.c controller/ofreq.h \
	controller/staticflow.c controller/staticflow.h \
	controller/tls.c controller/tls.h \
	controller/ycfg.c \
	include/canopy/app.h include/canopy/json.h include/canopy/ycfg.h
controller_libcontroller_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DCANOPY_APP_DIR='"$(pkglibdir)/apps"' \
	-DCANOPY_WEB_DIR='"$(pkgdatadir)/web"'
controller_libcontroller_la_CFLAGS = $(AM_CFLAGS) \
	$(LIBFYAML_CFLAGS) $(LIBEVENT_CFLAGS) $(OPENSSL_CFLAGS)
controller_libcontroller_la_LIBADD = topology/libtopology.la \
	ofproto/libofproto.la \
	$(LIBFYAML_LIBS) $(LIBEVENT_LIBS) $(OPENSSL_LIBS) $(DL_LIBS)

# canopyd exports its symbols so that apps (dlopen'ed shared objects) can
# call the API of include/canopy/app.h and the ofproto library.
bin_PROGRAMS += controller/canopyd
controller_canopyd_SOURCES = controller/canopyd.c
controller_canopyd_CPPFLAGS = $(AM_CPPFLAGS) -DSYSCONFDIR='"$(sysconfdir)"'
controller_canopyd_LDADD = controller/libcontroller.la
controller_canopyd_LDFLAGS = $(AM_LDFLAGS) -export-dynamic
