/** WhatsApp channels: their addresses, their hashed webhook passwords and the rule that authenticates a caller. */
package com.contactcenter.reports.channel;
