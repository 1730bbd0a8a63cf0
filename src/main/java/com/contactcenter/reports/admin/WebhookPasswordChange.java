package com.contactcenter.reports.admin;

/**
 * The wire shape of {@code PUT /admin/channels/{bsp}/{channelId}}:
 * {@code {"webhookPassword": "...", "previousPasswordGraceSeconds": 600}}.
 *
 * @param previousPasswordGraceSeconds how long a rotated channel keeps accepting its previous password, so that
 *     Gupshup's header can be changed after ours; null takes {@code reports.previous-password-grace-seconds}
 */
public record WebhookPasswordChange(String webhookPassword, Integer previousPasswordGraceSeconds) {
}
