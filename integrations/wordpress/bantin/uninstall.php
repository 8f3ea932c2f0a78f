<?php
/**
 * Removes the plugin's data when it is deleted from the Plugins screen.
 *
 * @package Bantin
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

if ( is_multisite() ) {
	// The option lives in each site's own options table.
	$bantin_site_ids = get_sites(
		array(
			'fields' => 'ids',
			'number' => 0,
		)
	);
	foreach ( $bantin_site_ids as $bantin_site_id ) {
		switch_to_blog( $bantin_site_id );
		delete_option( 'bantin_portal' );
		restore_current_blog();
	}
} else {
	delete_option( 'bantin_portal' );
}
