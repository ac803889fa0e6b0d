# topology/: the network graph, shortest paths, flood tree, hosts and LLDP
# discovery.  Pure code (no sockets, no clock); canopyd and the unit tests
# link the same library.
noinst_LTLIBRARIES += topology/libtopology.la
topology_libtopology_la_SOURCES = \
	topology/discovery.c topology/discovery.h \
	topology/hosts.c topology/hosts.h \
	topology/lldp.c topology/lldp.h \
	topology/topo.c topology/topo.h
topology_libtopology_la_CFLAGS = $(AM_CFLAGS) $(OPENSSL_CFLAGS)
topology_libtopology_la_LIBADD = ofproto/libofproto.la $(OPENSSL_LIBS)
