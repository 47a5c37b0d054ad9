package dev.newsroom.core.image;

import java.util.ArrayList;
import java.util.List;

/**
 * What pages know of an image the site serves: its size, and the widths of its variants beside it
 * ({@link ImageVariants}), so that they can give it its {@code width} and {@code height} (nothing
 * shifts as it loads) and offer each screen the narrowest variant that fills it ({@code srcset}).
 */
public record StoredImage(ImageVariants.Size size, List<Integer> widths) {

    /** How wide an image is shown: the whole column on a phone, the column's 46rem (736 px) wider up. */
    public static final String COLUMN_SIZES = "(max-width: 46rem) 100vw, 46rem";

    public StoredImage {
        widths = List.copyOf(widths);
    }

    /** What pages need to know of an image whose variants were made. */
    public static StoredImage of(ImageVariants.Result made) {
        return new StoredImage(made.size(), made.variants().stream().map(v -> v.size().width()).toList());
    }

    /** The image at {@code src} and its variants, by width, for {@code srcset}; empty when it has no variant. */
    public String srcset(String src) {
        if (widths.isEmpty()) {
            return "";
        }
        List<String> candidates = new ArrayList<>();
        widths.forEach(width -> candidates.add(ImageVariants.variantKey(src, width) + " " + width + "w"));
        candidates.add(src + " " + size.width() + "w");
        return String.join(", ", candidates);
    }
}
