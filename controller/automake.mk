# controller/: the daemon.  Its modules are built as a convenience library so
# the unit tests link the same code the daemon runs.
noinst_LTLIBRARIES += controller/libcontroller.la
controller_libcontroller_la_SOURCES = \
	controller/config.c controller/config.h \
	controller/log.c controller/log.h \
	controller/ofconn.c controller/ofconn.h \
	controller/tls.c controller/tls.h \
	controller/ycfg.c \
	include/canopy/ycfg.h
controller_libcontroller_la_CPPFLAGS = $(AM_CPPFLAGS) \
	-DCANOPY_APP_DIR='"$(pkglibdir)/apps"'
controller_libcontroller_la_CFLAGS = $(AM_CFLAGS) \
	$(LIBFYAML_CFLAGS) $(OPENSSL_CFLAGS)
controller_libcontroller_la_LIBADD = ofproto/libofproto.la \
	$(LIBFYAML_LIBS) $(OPENSSL_LIBS)
