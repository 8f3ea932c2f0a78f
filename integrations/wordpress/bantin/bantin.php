<?php
/**
 * Plugin Name:       Bantin news embeds
 * Description:       Shows news from a Bantin portal in posts: pasted article links become article cards, and the [bantin] shortcode adds news boxes.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            Bantin
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       bantin
 * Domain Path:       /languages
 * Update URI:        false
 *
 * @package Bantin
 */

defined( 'ABSPATH' ) || exit;

/*
 * ---------------------------------------------------------------------------
 * The portal address
 * ---------------------------------------------------------------------------
 */

/**
 * Normalises a portal address: http(s) scheme and host required, no user,
 * query or fragment; scheme and host lowercased, default port dropped, path
 * ending in '/'.
 *
 * @param mixed $value Address as entered or stored.
 * @return string The normalised address, or '' if it is not acceptable.
 */
function bantin_normalize_portal( $value ) {
	if ( ! is_string( $value ) ) {
		return '';
	}
	$value = trim( $value );
	// Require an explicit scheme: esc_url_raw() would silently prepend http://.
	if ( ! preg_match( '~^https?://~i', $value ) ) {
		return '';
	}
	$value = esc_url_raw( $value, array( 'http', 'https' ) );
	if ( '' === $value ) {
		return '';
	}
	$parts = wp_parse_url( $value );
	if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
		return '';
	}
	$scheme = strtolower( $parts['scheme'] );
	if ( 'http' !== $scheme && 'https' !== $scheme ) {
		return '';
	}
	if ( isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
		return '';
	}
	$host = strtolower( $parts['host'] );
	$port = '';
	if ( isset( $parts['port'] ) ) {
		$number = (int) $parts['port'];
		if ( ! ( 'http' === $scheme && 80 === $number ) && ! ( 'https' === $scheme && 443 === $number ) ) {
			$port = ':' . $number;
		}
	}
	$path = isset( $parts['path'] ) ? $parts['path'] : '/';
	if ( '/' !== substr( $path, -1 ) ) {
		$path .= '/';
	}
	return $scheme . '://' . $host . $port . $path;
}

/**
 * The preset address from defaults.php (written by the portal into the zip it
 * serves), normalised; '' when there is none.
 *
 * @return string
 */
function bantin_default_portal() {
	static $preset = null;
	if ( null === $preset ) {
		$preset = '';
		$file   = __DIR__ . '/defaults.php';
		if ( is_readable( $file ) ) {
			$preset = bantin_normalize_portal( include $file );
		}
	}
	return $preset;
}

/**
 * The portal address ending in '/', or '' when none is set.
 *
 * The saved option wins, even when saved empty; defaults.php is used only
 * while the option has never been saved.
 *
 * @return string
 */
function bantin_portal() {
	$stored = get_option( 'bantin_portal', false );
	if ( false === $stored ) {
		return bantin_default_portal();
	}
	return bantin_normalize_portal( $stored );
}

/*
 * ---------------------------------------------------------------------------
 * Start-up
 * ---------------------------------------------------------------------------
 */

/**
 * Loads translations, registers the shortcode and, when an address is set,
 * the handler for pasted article links.
 */
function bantin_init() {
	load_plugin_textdomain( 'bantin', false, dirname( plugin_basename( __FILE__ ) ) . '/languages' );

	add_shortcode( 'bantin', 'bantin_shortcode' );

	$portal = bantin_portal();
	if ( '' !== $portal ) {
		wp_embed_register_handler( 'bantin', bantin_article_regex( $portal ), 'bantin_embed_handler' );
	}
}
add_action( 'init', 'bantin_init' );

/*
 * ---------------------------------------------------------------------------
 * Settings page
 * ---------------------------------------------------------------------------
 */

/**
 * Registers the option, its section and its field.
 */
function bantin_register_settings() {
	register_setting(
		'bantin',
		'bantin_portal',
		array(
			'type'              => 'string',
			'sanitize_callback' => 'bantin_sanitize_portal',
			'show_in_rest'      => false,
		)
	);

	add_settings_section( 'bantin_main', '', 'bantin_settings_intro', 'bantin' );

	add_settings_field(
		'bantin_portal',
		__( 'Portal address', 'bantin' ),
		'bantin_settings_field',
		'bantin',
		'bantin_main',
		array( 'label_for' => 'bantin_portal' )
	);
}
add_action( 'admin_init', 'bantin_register_settings' );

/**
 * Sanitize callback of the option. Invalid input keeps the previous value.
 *
 * @param mixed $value Submitted value.
 * @return mixed The value to store.
 */
function bantin_sanitize_portal( $value ) {
	$raw = is_string( $value ) ? trim( $value ) : '';
	if ( '' === $raw ) {
		// Saving the field empty switches the plugin off on purpose.
		return '';
	}
	$clean = bantin_normalize_portal( $raw );
	if ( '' !== $clean ) {
		return $clean;
	}
	// add_settings_error() exists only in wp-admin (not, e.g., in WP-CLI).
	if ( function_exists( 'add_settings_error' ) ) {
		add_settings_error(
			'bantin_portal',
			'bantin_portal_invalid',
			sprintf(
				/* translators: %s: an example portal address. */
				__( 'The portal address was not saved: enter a full address starting with http:// or https://, for example %s', 'bantin' ),
				'https://cong.example.vn/tin-tuc/'
			),
			'error'
		);
	}
	// The old value; false (option never saved) makes update_option() a no-op.
	return get_option( 'bantin_portal', false );
}

/**
 * Adds Settings → Bantin.
 */
function bantin_add_settings_page() {
	add_options_page(
		__( 'Bantin settings', 'bantin' ),
		'Bantin', // The product's name: the same in every language.
		'manage_options',
		'bantin',
		'bantin_settings_page'
	);
}
add_action( 'admin_menu', 'bantin_add_settings_page' );

/**
 * Prints the settings page. Settings errors are printed by WordPress itself
 * (options-head.php) for pages under Settings.
 */
function bantin_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
	echo '<form action="' . esc_url( admin_url( 'options.php' ) ) . '" method="post">';
	settings_fields( 'bantin' );
	do_settings_sections( 'bantin' );
	submit_button();
	echo '</form></div>';
}

/**
 * Explains what the address is for.
 */
function bantin_settings_intro() {
	echo '<p>' . esc_html__( 'The [bantin] shortcode and links to portal articles pasted into posts use this address.', 'bantin' ) . '</p>';
	echo '<p>' . esc_html__( 'It must be the address the portal is served at, base path included, exactly as readers open it.', 'bantin' ) . '</p>';
}

/**
 * Prints the address field.
 */
function bantin_settings_field() {
	$stored = get_option( 'bantin_portal', false );
	$value  = false === $stored ? bantin_default_portal() : (string) $stored;
	printf(
		'<input type="url" id="bantin_portal" name="bantin_portal" value="%s" class="regular-text code" placeholder="https://cong.example.vn/tin-tuc/" aria-describedby="bantin_portal_help">',
		esc_attr( $value )
	);
	echo '<p class="description" id="bantin_portal_help">' . esc_html__( 'For example https://cong.example.vn/ or https://cong.example.vn/tin-tuc/. Leave it empty to turn the news boxes and cards off.', 'bantin' ) . '</p>';
}

/**
 * Adds a "Settings" link to the plugin's row on the Plugins screen.
 *
 * @param string[] $links Existing action links.
 * @return string[]
 */
function bantin_action_links( $links ) {
	$settings = '<a href="' . esc_url( admin_url( 'options-general.php?page=bantin' ) ) . '">' . esc_html__( 'Settings', 'bantin' ) . '</a>';
	array_unshift( $links, $settings );
	return $links;
}
add_filter( 'plugin_action_links_' . plugin_basename( __FILE__ ), 'bantin_action_links' );

/*
 * ---------------------------------------------------------------------------
 * Pasted article links → article card
 * ---------------------------------------------------------------------------
 */

/**
 * The regular expression matching article URLs of the portal: http or https
 * on the same host (and port, if the address has one), the base path, then
 * bai-viet/<slug>, an optional '/', and an optional query or fragment.
 *
 * @param string $portal Normalised portal address.
 * @return string
 */
function bantin_article_regex( $portal ) {
	$parts = wp_parse_url( $portal );
	$host  = preg_quote( $parts['host'], '~' );
	$port  = isset( $parts['port'] ) ? preg_quote( ':' . $parts['port'], '~' ) : '';
	$path  = preg_quote( isset( $parts['path'] ) ? $parts['path'] : '/', '~' );
	return '~^https?://' . $host . $port . $path . 'bai-viet/([a-z0-9-]+)/?(?:[?#].*)?$~i';
}

/**
 * Embed handler: returns WordPress's own embed markup (blockquote + hidden
 * iframe sharing a secret), which wp-embed.js reveals once the card frame
 * announces itself. Without scripts, or if the frame cannot load, the
 * blockquote's link stays.
 *
 * @param array  $matches Regex matches; [1] is the article slug.
 * @param array  $attr    Embed attributes.
 * @param string $url     The pasted URL.
 * @param array  $rawattr Embed attributes as given.
 * @return string|false
 */
function bantin_embed_handler( $matches, $attr, $url, $rawattr ) {
	$portal = bantin_portal();
	if ( '' === $portal || empty( $matches[1] ) ) {
		return false;
	}
	$slug   = strtolower( $matches[1] );
	$secret = wp_generate_password( 10, false );
	$frame  = $portal . 'nhung/khung/?loai=bai-viet&bai=' . $slug . '#?secret=' . $secret;

	$html = '<blockquote class="wp-embedded-content" data-secret="' . esc_attr( $secret ) . '">'
		. '<a href="' . esc_url( $url ) . '">' . esc_html__( 'Read the article on the portal', 'bantin' ) . '</a>'
		. '</blockquote>'
		. '<iframe class="wp-embedded-content" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" security="restricted"'
		. ' src="' . esc_url( $frame ) . '" data-secret="' . esc_attr( $secret ) . '"'
		. ' width="100%" height="126" frameborder="0" marginwidth="0" marginheight="0" scrolling="no"'
		. ' title="' . esc_attr__( 'Article from the portal', 'bantin' ) . '"'
		. ' style="position: absolute; clip: rect(1px, 1px, 1px, 1px);"></iframe>';

	wp_enqueue_script( 'wp-embed' );

	return apply_filters( 'embed_bantin', $html, $matches, $attr, $url, $rawattr );
}

/*
 * ---------------------------------------------------------------------------
 * [bantin] shortcode → <bantin-tin> widget
 * ---------------------------------------------------------------------------
 */

/**
 * The widget kinds (loai) and the attribute each one needs.
 *
 * @return array<string, string> Kind => required attribute ('' for none).
 */
function bantin_kinds() {
	return array(
		'moi-nhat'   => '',
		'chuyen-muc' => 'muc',
		'the'        => 'muc',
		'lien-quan'  => 'bai',
		'bai-viet'   => 'bai',
		'lien-ket'   => '',
	);
}

/**
 * Renders [bantin]. Attributes: loai, muc, bai, so-tin, kieu, giao-dien,
 * tab-moi (bare, or with a value; "0", "khong", "false", "no" mean absent).
 * Invalid input shows a notice to people who can edit the post and nothing
 * to anyone else.
 *
 * @param array|string $atts Shortcode attributes ('' when none).
 * @return string One line of HTML.
 */
function bantin_shortcode( $atts ) {
	$atts = is_array( $atts ) ? $atts : array();

	// A bare word such as [bantin tab-moi] arrives under a numeric key.
	$bare = array();
	foreach ( $atts as $key => $value ) {
		if ( is_int( $key ) ) {
			$bare[] = strtolower( trim( (string) $value ) );
		}
	}

	$a = shortcode_atts(
		array(
			'loai'      => '',
			'muc'       => '',
			'bai'       => '',
			'so-tin'    => '',
			'kieu'      => '',
			'giao-dien' => '',
			'tab-moi'   => null,
		),
		$atts,
		'bantin'
	);
	foreach ( $a as $key => $value ) {
		if ( null !== $value ) {
			$a[ $key ] = strtolower( trim( (string) $value ) );
		}
	}

	$portal = bantin_portal();
	if ( '' === $portal ) {
		return bantin_notice( array( __( 'set the portal address in Settings > Bantin', 'bantin' ) ) );
	}

	$errors = array();
	$out    = array();
	$kinds  = bantin_kinds();

	$kind = '' === $a['loai'] ? 'moi-nhat' : $a['loai'];
	if ( ! isset( $kinds[ $kind ] ) ) {
		$errors[] = bantin_invalid_message( 'loai', implode( ', ', array_keys( $kinds ) ) );
		$kind     = '';
	} else {
		$out['loai'] = $kind;
		$needed      = $kinds[ $kind ];
		if ( '' !== $needed ) {
			if ( '' === $a[ $needed ] ) {
				$errors[] = sprintf(
					/* translators: 1: value of the "loai" attribute, 2: name of the missing attribute. */
					__( 'loai="%1$s" needs the "%2$s" attribute', 'bantin' ),
					$kind,
					$needed
				);
			} elseif ( ! preg_match( '/^[a-z0-9-]+$/', $a[ $needed ] ) ) {
				$errors[] = bantin_invalid_message( $needed, __( 'a slug of lowercase letters a-z, digits and hyphens', 'bantin' ) );
			} else {
				$out[ $needed ] = $a[ $needed ];
			}
		}
	}

	if ( '' !== $a['so-tin'] ) {
		if ( preg_match( '/^[0-9]{1,2}$/', $a['so-tin'] ) && (int) $a['so-tin'] >= 1 && (int) $a['so-tin'] <= 10 ) {
			$out['so-tin'] = (string) (int) $a['so-tin'];
		} else {
			$errors[] = bantin_invalid_message( 'so-tin', __( 'a whole number from 1 to 10', 'bantin' ) );
		}
	}

	$choices = array(
		'kieu'      => array( 'anh', 'gon' ),
		'giao-dien' => array( 'sang', 'toi' ),
	);
	foreach ( $choices as $name => $allowed ) {
		if ( '' === $a[ $name ] ) {
			continue;
		}
		if ( in_array( $a[ $name ], $allowed, true ) ) {
			$out[ $name ] = $a[ $name ];
		} else {
			$errors[] = bantin_invalid_message( $name, implode( ', ', $allowed ) );
		}
	}

	if ( $errors ) {
		return bantin_notice( $errors );
	}

	$new_tab = in_array( 'tab-moi', $bare, true )
		|| ( null !== $a['tab-moi'] && ! in_array( $a['tab-moi'], array( '0', 'khong', 'không', 'false', 'no' ), true ) );

	// Where the fallback link goes, and what it says.
	switch ( $kind ) {
		case 'chuyen-muc':
			$href = $portal . 'chuyen-muc/' . $out['muc'];
			$text = __( 'See the news on the portal', 'bantin' );
			break;
		case 'the':
			$href = $portal . 'the/' . $out['muc'];
			$text = __( 'See the news on the portal', 'bantin' );
			break;
		case 'lien-quan':
			$href = $portal . 'bai-viet/' . $out['bai'];
			$text = __( 'See the news on the portal', 'bantin' );
			break;
		case 'bai-viet':
			$href = $portal . 'bai-viet/' . $out['bai'];
			$text = __( 'Read the article on the portal', 'bantin' );
			break;
		case 'lien-ket':
			$href = $portal;
			$text = __( 'See the news on the portal', 'bantin' );
			break;
		default:
			$href = $portal . 'moi-nhat';
			$text = __( 'Latest news on the portal', 'bantin' );
	}

	$html = '<bantin-tin';
	foreach ( $out as $name => $value ) {
		$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
	}
	if ( $new_tab ) {
		$html .= ' tab-moi';
	}
	$html .= '><a href="' . esc_url( $href ) . '"';
	if ( $new_tab ) {
		$html .= ' target="_blank" rel="noopener"';
	}
	$html .= '>' . esc_html( $text ) . '</a></bantin-tin>';

	// In the footer, once per page however many boxes there are; no ?ver=.
	wp_enqueue_script( 'bantin-embed', $portal . 'embed.js', array(), null, true );

	return $html;
}

/**
 * The message for an attribute with an invalid value.
 *
 * @param string $name    Attribute name.
 * @param string $allowed What is allowed, for people.
 * @return string
 */
function bantin_invalid_message( $name, $allowed ) {
	return sprintf(
		/* translators: 1: attribute name, 2: the allowed values. */
		__( 'the "%1$s" attribute has an invalid value (allowed: %2$s)', 'bantin' ),
		$name,
		$allowed
	);
}

/**
 * The notice shown instead of a box: visible only to people who can edit the
 * current post (or, outside a post, the site's widgets); '' for others.
 *
 * @param string[] $messages What is wrong.
 * @return string One line of HTML, or ''.
 */
function bantin_notice( $messages ) {
	$post_id = get_the_ID();
	$allowed = $post_id ? current_user_can( 'edit_post', $post_id ) : current_user_can( 'edit_theme_options' );
	if ( ! $allowed ) {
		return '';
	}
	$html = '<span class="bantin-notice" role="note" style="display:block;margin:1em 0;padding:.5em .75em;border:1px solid #d63638;border-left-width:4px;background:#fcf0f1;color:#1d2327;">'
		. '<strong>' . esc_html__( 'Bantin news box:', 'bantin' ) . '</strong>';
	$html .= ' ' . esc_html( implode( '; ', $messages ) ) . '.';
	$html .= ' <em>' . esc_html__( '(Only people who can edit this post see this notice.)', 'bantin' ) . '</em></span>';
	return $html;
}
