# apps/: plug-in apps, each a shared object built against include/canopy/
# only, installed into $(pkglibdir)/apps and loaded by canopyd at run time.
appsdir = $(pkglibdir)/apps
apps_LTLIBRARIES = apps/l2_learning.la
apps_l2_learning_la_SOURCES = \
	apps/l2_learning/l2_learning.c \
	apps/l2_learning/mactable.c apps/l2_learning/mactable.h
apps_l2_learning_la_CFLAGS = $(AM_CFLAGS) $(LIBFYAML_CFLAGS)
apps_l2_learning_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared

apps_LTLIBRARIES += apps/l2_path.la
apps_l2_path_la_SOURCES = apps/l2_path/l2_path.c
apps_l2_path_la_CFLAGS = $(AM_CFLAGS) $(LIBFYAML_CFLAGS)
apps_l2_path_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared

apps_LTLIBRARIES += apps/tenant.la
apps_tenant_la_SOURCES = \
	apps/tenant/tenant.c \
	apps/tenant/tenant_flows.c apps/tenant/tenant_flows.h \
	apps/tenant/tenant_policy.c apps/tenant/tenant_policy.h \
	apps/tenant/tenant_service.h \
	apps/l2_learning/mactable.c apps/l2_learning/mactable.h
apps_tenant_la_CFLAGS = $(AM_CFLAGS) $(LIBFYAML_CFLAGS)
apps_tenant_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared

apps_LTLIBRARIES += apps/acl.la
apps_acl_la_SOURCES = \
	apps/acl/acl.c \
	apps/acl/acl_flows.c apps/acl/acl_flows.h \
	apps/acl/acl_policy.c apps/acl/acl_policy.h \
	apps/tenant/tenant_service.h
apps_acl_la_CFLAGS = $(AM_CFLAGS) $(LIBFYAML_CFLAGS)
apps_acl_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared
