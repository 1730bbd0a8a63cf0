/** The channel administration API, guarded by the container's own users in the role {@code webhook-admin}. */
package com.contactcenter.reports.admin;
