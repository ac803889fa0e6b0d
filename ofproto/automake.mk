# ofproto/: the OpenFlow wire protocol and packet formats. Pure code: no I/O.
noinst_LTLIBRARIES += ofproto/libofproto.la
ofproto_libofproto_la_SOURCES = \
	ofproto/ds.c ofproto/ds.h \
	ofproto/ofp-buf.c ofproto/ofp-buf.h \
	ofproto/siphash.c ofproto/siphash.h \
	ofproto/ofp-types.h \
	ofproto/ofp-errors.c ofproto/ofp-errors.h \
	ofproto/ofp-match.c ofproto/ofp-match.h \
	ofproto/ofp-actions.c ofproto/ofp-actions.h \
	ofproto/ofp-msgs.c ofproto/ofp-msgs.h ofproto/ofp-msgs-private.h \
	ofproto/ofp-stats.c \
	ofproto/ofp-print.c ofproto/ofp-print.h \
	ofproto/packet.c ofproto/packet.h
