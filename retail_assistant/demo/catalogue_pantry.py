"""Shelf-stable food of the demo shop: conservas, oils, dry goods, honey, sweets, snacks.

None of these are perishable in the demo: their best-before dates are months or years
away, so they get no batches. VAT is 10 % except where Spanish rules give 4 %: rice,
flour, dried pulses, and olive oil including olive pomace oil, which moved from 10 % to
4 % for good on 1 January 2025.
"""

from __future__ import annotations

from retail_assistant.demo.records import Group, Item

__all__ = ["PANTRY_GROUPS"]

_CANNED_FISH = (
    Item("Light tuna in olive oil 3 x 80 g", "Atún claro en aceite de oliva 3 x 80 g", "pack",
         "3.45", 6.0),
    Item("Light tuna in sunflower oil 3 x 80 g", "Atún claro en aceite de girasol 3 x 80 g",
         "pack", "2.49", 4.0),
    Item("Light tuna in brine 3 x 52 g", "Atún claro al natural 3 x 52 g", "pack", "2.75", 2.0),
    Item("Bonito del norte in olive oil 250 g", "Bonito del norte en aceite de oliva 250 g",
         "jar", "7.95", 1.5),
    Item("Bonito del norte in brine 112 g", "Bonito del norte al natural 112 g", "can", "3.25",
         0.8),
    Item("Tuna belly in olive oil 112 g", "Ventresca de atún en aceite de oliva 112 g", "can",
         "6.95", 0.6, "xmas"),
    Item("Cantabrian anchovies in olive oil 50 g",
         "Anchoas del Cantábrico en aceite de oliva 50 g", "can", "4.95", 1.5),
    Item("Sardines in olive oil 120 g", "Sardinas en aceite de oliva 120 g", "can", "1.95", 1.5),
    Item("Spicy sardines 120 g", "Sardinas picantes 120 g", "can", "1.99", 0.6),
    Item("Sardines in tomato sauce 120 g", "Sardinas en tomate 120 g", "can", "1.75", 0.6),
    Item("Small sardines in olive oil 90 g", "Sardinillas en aceite de oliva 90 g", "can",
         "2.75", 0.5),
    Item("Mussels in escabeche 115 g", "Mejillones en escabeche 115 g", "can", "2.45", 2.0),
    Item("Cockles in brine 111 g", "Berberechos al natural 111 g", "can", "6.95", 0.5, "xmas"),
    Item("Baby clams in brine 111 g", "Almejas al natural 111 g", "can", "8.95", 0.3, "xmas"),
    Item("Razor clams in brine 111 g", "Navajas al natural 111 g", "can", "7.50", 0.3, "xmas"),
    Item("Baby squid in ink 111 g", "Chipirones en su tinta 111 g", "can", "3.95", 0.5),
    Item("Octopus in olive oil 111 g", "Pulpo en aceite de oliva 111 g", "can", "5.95", 0.4),
    Item("Queen scallops in sauce 111 g", "Zamburiñas en salsa de vieira 111 g", "can", "3.75",
         0.4),
    Item("Mackerel fillets in olive oil 125 g", "Filetes de caballa en aceite de oliva 125 g",
         "can", "2.65", 1.0),
    Item("Cured tuna mojama 100 g", "Mojama de atún 100 g", "pack", "6.95", 0.3),
)

_PRESERVES = (
    Item("Piquillo peppers 290 g", "Pimientos del piquillo 290 g", "jar", "3.95", 1.5),
    Item("White asparagus from Navarre 345 g", "Espárragos blancos de Navarra 345 g", "jar",
         "5.95", 1.0, "xmas"),
    Item("Artichoke hearts 390 g", "Corazones de alcachofa 390 g", "jar", "3.49", 0.6),
    Item("Crushed tomatoes 400 g", "Tomate triturado 400 g", "can", "0.89", 4.0),
    Item("Whole peeled tomatoes 400 g", "Tomate entero pelado 400 g", "can", "0.99", 1.5),
    Item("Fried tomato sauce 350 g", "Tomate frito 350 g", "jar", "1.19", 4.0),
    Item("Cooked chickpeas 400 g", "Garbanzos cocidos 400 g", "jar", "1.09", 2.5),
    Item("Cooked lentils 400 g", "Lentejas cocidas 400 g", "jar", "1.09", 1.5),
    Item("Cooked white beans 400 g", "Alubias blancas cocidas 400 g", "jar", "1.19", 1.0),
    Item("Manzanilla olives stuffed with anchovy 350 g",
         "Aceitunas manzanilla rellenas de anchoa 350 g", "can", "1.45", 3.0, "summer"),
    Item("Gordal olives 350 g", "Aceitunas gordal 350 g", "jar", "2.95", 1.0),
    Item("Dressed Aloreña olives 500 g", "Aceitunas aloreñas aliñadas 500 g", "jar", "3.25",
         0.8),
    Item("Pickled gherkins 345 g", "Pepinillos en vinagre 345 g", "jar", "1.85", 0.8),
    Item("Guindilla peppers from Ibarra 200 g", "Guindillas de Ibarra 200 g", "jar", "2.75",
         0.6),
    Item("Asturian fabada bean stew 420 g", "Fabada asturiana 420 g", "can", "2.95", 1.5,
         "winter"),
    Item("Aioli sauce 200 ml", "Salsa alioli 200 ml", "jar", "1.99", 1.0, "summer"),
    Item("Mayonnaise 450 ml", "Mayonesa 450 ml", "jar", "2.49", 1.5),
    Item("Romesco sauce 180 g", "Salsa romesco 180 g", "jar", "3.25", 0.4),
    Item("Canarian mojo picón sauce 200 ml", "Mojo picón canario 200 ml", "bottle", "2.95", 0.3),
    Item("Hot pepper sauce 60 ml", "Salsa picante de guindilla 60 ml", "bottle", "3.49", 0.2,
         origin="us"),
)

_OILS = (
    Item("Extra virgin olive oil 1 l", "Aceite de oliva virgen extra 1 l", "bottle", "8.95", 3.0),
    Item("Extra virgin olive oil 5 l", "Aceite de oliva virgen extra 5 l", "bottle", "39.95",
         0.4),
    Item("Picual extra virgin olive oil 500 ml", "Aceite de oliva virgen extra picual 500 ml",
         "bottle", "6.95", 1.0),
    Item("Arbequina extra virgin olive oil 500 ml",
         "Aceite de oliva virgen extra arbequina 500 ml", "bottle", "7.45", 0.8),
    Item("Early harvest extra virgin olive oil 500 ml",
         "Aceite de oliva virgen extra cosecha temprana 500 ml", "bottle", "12.95", 0.3, "xmas"),
    Item("Mild olive oil 1 l", "Aceite de oliva suave 1 l", "bottle", "5.95", 2.5),
    Item("Olive pomace oil 1 l", "Aceite de orujo de oliva 1 l", "bottle", "4.49", 1.0),
)

_OTHER_OILS_AND_VINEGARS = (
    Item("Sunflower oil 1 l", "Aceite de girasol 1 l", "bottle", "1.79", 2.5),
    Item("Sherry vinegar 500 ml", "Vinagre de Jerez 500 ml", "bottle", "3.49", 0.8),
    Item("White wine vinegar 1 l", "Vinagre de vino blanco 1 l", "bottle", "0.99", 1.0),
    Item("Balsamic vinegar of Modena 250 ml", "Vinagre balsámico de Módena 250 ml", "bottle",
         "2.95", 0.6, origin="it"),
)

_DRY_GOODS = (
    Item("Bomba rice 1 kg", "Arroz bomba 1 kg", "bag", "4.95", 1.5),
    Item("Round rice 1 kg", "Arroz redondo 1 kg", "bag", "1.39", 3.0),
    Item("Long grain rice 1 kg", "Arroz largo 1 kg", "bag", "1.29", 1.5),
    Item("Calasparra rice 1 kg", "Arroz de Calasparra 1 kg", "bag", "5.50", 0.4),
    Item("Wheat flour 1 kg", "Harina de trigo 1 kg", "bag", "0.89", 1.5, "xmas"),
    Item("Strong bread flour 1 kg", "Harina de fuerza 1 kg", "bag", "1.45", 0.5),
    Item("Pedrosillano chickpeas 1 kg", "Garbanzos pedrosillanos 1 kg", "bag", "2.95", 1.0,
         "winter"),
    Item("Pardina lentils 1 kg", "Lentejas pardinas 1 kg", "bag", "2.49", 1.2, "winter"),
    Item("Asturian fabes 500 g", "Fabes asturianas 500 g", "bag", "6.95", 0.5, "winter"),
    Item("White kidney beans 1 kg", "Alubias blancas riñón 1 kg", "bag", "2.79", 0.6, "winter"),
    Item("Tolosa black beans 500 g", "Alubias de Tolosa 500 g", "bag", "5.95", 0.3, "winter"),
)

_PASTA_AND_BAKING = (
    Item("Spaghetti 500 g", "Espaguetis 500 g", "pack", "0.95", 3.0),
    Item("Macaroni 500 g", "Macarrones 500 g", "pack", "0.95", 3.0),
    Item("Fideuà noodles 500 g", "Fideos para fideuá 500 g", "pack", "1.15", 0.8, "summer"),
    Item("Fine soup noodles 250 g", "Fideos finos para sopa 250 g", "pack", "0.75", 1.0,
         "winter"),
    Item("Couscous 500 g", "Cuscús 500 g", "pack", "1.49", 0.4),
    Item("Cornflour 400 g", "Harina fina de maíz 400 g", "box", "1.65", 0.4),
    Item("Breadcrumbs 250 g", "Pan rallado 250 g", "bag", "0.89", 1.0),
    Item("Peanut butter 340 g", "Crema de cacahuete 340 g", "jar", "3.95", 0.3, origin="us"),
    Item("Maple syrup 250 ml", "Sirope de arce 250 ml", "bottle", "6.50", 0.15, origin="ca"),
)

_SEASONINGS = (
    Item("Sweet smoked paprika from La Vera 75 g", "Pimentón de la Vera dulce 75 g", "can",
         "2.95", 1.0),
    Item("Hot smoked paprika from La Vera 75 g", "Pimentón de la Vera picante 75 g", "can",
         "2.95", 0.5),
    Item("La Mancha saffron threads 1 g", "Azafrán de La Mancha en hebras 1 g", "box", "7.95",
         0.5, "xmas"),
    Item("Sea salt 1 kg", "Sal marina 1 kg", "bag", "0.59", 1.0),
    Item("Flaky sea salt 250 g", "Escamas de sal marina 250 g", "box", "3.95", 0.3),
    Item("White sugar 1 kg", "Azúcar blanco 1 kg", "bag", "1.25", 2.0),
    Item("Brown cane sugar 1 kg", "Azúcar moreno de caña 1 kg", "bag", "2.25", 0.5),
    Item("Ground cinnamon 50 g", "Canela molida 50 g", "jar", "1.49", 0.3),
    Item("Black peppercorns 50 g", "Pimienta negra en grano 50 g", "jar", "1.65", 0.4),
    Item("Dried oregano 15 g", "Orégano seco 15 g", "jar", "0.99", 0.3),
    Item("Bay leaves 10 g", "Laurel en hoja 10 g", "bag", "0.85", 0.2),
    Item("Chicken stock 1 l", "Caldo de pollo 1 l", "unit", "1.49", 2.0, "winter"),
    Item("Fish stock 1 l", "Caldo de pescado 1 l", "unit", "1.89", 0.8),
    Item("Paella seasoning 4 sachets", "Sazonador para paella 4 sobres", "box", "1.19", 0.8,
         "summer"),
)

_HONEY = (
    Item("Rosemary honey 500 g", "Miel de romero 500 g", "jar", "6.95", 1.5),
    Item("Rosemary honey 1 kg", "Miel de romero 1 kg", "jar", "12.50", 0.4),
    Item("Orange blossom honey 500 g", "Miel de azahar 500 g", "jar", "6.50", 1.0),
    Item("Heather honey 500 g", "Miel de brezo 500 g", "jar", "7.25", 0.5, "winter"),
    Item("Thyme honey 250 g", "Miel de tomillo 250 g", "jar", "4.95", 0.4),
    Item("Wildflower honey 1 kg", "Miel de mil flores 1 kg", "jar", "9.95", 0.8, "winter"),
    Item("Alcarria PDO honey 500 g", "Miel de la Alcarria DOP 500 g", "jar", "8.95", 0.4),
)

_JAMS = (
    Item("Strawberry jam 340 g", "Mermelada de fresa 340 g", "jar", "2.25", 1.0),
    Item("Bitter orange marmalade 340 g", "Mermelada de naranja amarga 340 g", "jar", "2.45", 0.6),
    Item("Apricot jam 340 g", "Mermelada de albaricoque 340 g", "jar", "2.25", 0.5),
    Item("Fig jam 250 g", "Mermelada de higo 250 g", "jar", "2.95", 0.3),
    Item("Quince paste 400 g", "Dulce de membrillo 400 g", "pack", "2.49", 1.2, "autumn"),
)

_TURRON = (
    Item("Jijona soft almond turrón 300 g", "Turrón de Jijona 300 g", "box", "7.95", 0.6, "xmas"),
    Item("Alicante hard almond turrón 300 g", "Turrón de Alicante 300 g", "box", "7.95", 0.6,
         "xmas"),
    Item("Toasted egg yolk turrón 300 g", "Turrón de yema tostada 300 g", "box", "5.95", 0.3,
         "xmas"),
    Item("Crispy chocolate turrón 250 g", "Turrón de chocolate crujiente 250 g", "box", "3.95",
         0.4, "xmas"),
    Item("Marzipan figures 200 g", "Figuritas de mazapán 200 g", "box", "4.50", 0.3, "xmas"),
    Item("Estepa polvorones 380 g", "Polvorones de Estepa 380 g", "box", "4.25", 0.4, "xmas"),
    Item("Mantecados assortment 500 g", "Surtido de mantecados 500 g", "box", "4.95", 0.3,
         "xmas"),
    Item("Sugared almonds 200 g", "Peladillas 200 g", "bag", "2.95", 0.2, "xmas"),
)

_CHOCOLATE_AND_SWEETS = (
    Item("Dark chocolate 70% 100 g", "Chocolate negro 70 % 100 g", "unit", "1.95", 1.5),
    Item("Dark chocolate with orange 100 g", "Chocolate negro con naranja 100 g", "unit", "2.25",
         0.6),
    Item("Milk chocolate with almonds 150 g", "Chocolate con leche y almendras 150 g", "unit",
         "2.49", 1.2),
    Item("Drinking chocolate 300 g", "Chocolate a la taza 300 g", "pack", "2.25", 1.0, "winter"),
    Item("Chocolate-coated almonds 150 g", "Almendras bañadas en chocolate 150 g", "bag", "3.25",
         0.5, "xmas"),
    Item("Violet candies 50 g", "Caramelos de violeta 50 g", "pack", "1.50", 0.5),
    Item("Cola gummies 100 g", "Gominolas de cola 100 g", "bag", "1.20", 1.0),
)

_BREAKFAST = (
    Item("María biscuits 800 g", "Galletas María 800 g", "pack", "1.95", 2.0),
    Item("Butter biscuits 300 g", "Galletas de mantequilla 300 g", "box", "2.49", 0.8),
    Item("Digestive biscuits 400 g", "Galletas digestive 400 g", "pack", "1.79", 1.0),
    Item("Corn flakes 500 g", "Copos de maíz 500 g", "box", "2.29", 0.8),
    Item("Fruit muesli 375 g", "Muesli con frutas 375 g", "box", "2.95", 0.6),
    Item("Rolled oats 500 g", "Copos de avena 500 g", "bag", "1.39", 0.8),
    Item("Natural roast ground coffee 250 g", "Café molido natural 250 g", "pack", "3.49", 2.5),
    Item("Blended roast ground coffee 250 g", "Café molido mezcla 250 g", "pack", "2.99", 2.0),
    Item("Decaffeinated ground coffee 250 g", "Café molido descafeinado 250 g", "pack", "3.79",
         0.8),
    Item("Coffee beans 1 kg", "Café en grano 1 kg", "bag", "14.95", 0.3),
    Item("Espresso capsules 10 pack", "Cápsulas de café espresso 10 unidades", "box", "2.95",
         1.5),
    Item("Chamomile tea 20 bags", "Infusión de manzanilla 20 bolsitas", "box", "1.35", 0.8,
         "winter"),
    Item("Pennyroyal mint tea 20 bags", "Poleo menta 20 bolsitas", "box", "1.35", 0.5, "winter"),
    Item("Green tea 20 bags", "Té verde 20 bolsitas", "box", "1.79", 0.4),
    Item("Cocoa drink powder 400 g", "Cacao soluble 400 g", "pack", "2.95", 1.2),
)

_SNACKS = (
    Item("Salted Marcona almonds 150 g", "Almendras marcona fritas con sal 150 g", "bag", "3.95",
         1.5, "xmas"),
    Item("Toasted hazelnuts 150 g", "Avellanas tostadas 150 g", "bag", "2.95", 0.6),
    Item("Roasted salted peanuts 200 g", "Cacahuetes tostados con sal 200 g", "bag", "1.29", 1.5),
    Item("Sunflower seeds 200 g", "Pipas de girasol 200 g", "bag", "1.10", 1.5, "summer"),
    Item("Shelled walnuts 250 g", "Nueces peladas 250 g", "bag", "3.49", 0.6, "xmas"),
    Item("Roasted pistachios 200 g", "Pistachos tostados 200 g", "bag", "3.95", 0.8),
    Item("Medjool dates 200 g", "Dátiles medjool 200 g", "box", "3.95", 0.4, "xmas",
         origin="il"),
    Item("Sultana raisins 250 g", "Pasas sultanas 250 g", "bag", "1.69", 0.4),
    Item("Crisps fried in olive oil 150 g", "Patatas fritas en aceite de oliva 150 g", "bag",
         "1.95", 2.5, "summer"),
    Item("Ham-flavoured crisps 150 g", "Patatas sabor jamón 150 g", "bag", "1.75", 1.0),
    Item("Toasted corn kernels 200 g", "Maíz tostado 200 g", "bag", "1.25", 0.8),
    Item("Regañás crispbread 200 g", "Regañás de Sevilla 200 g", "bag", "1.95", 0.6),
    Item("Microwave popcorn 3 x 100 g", "Palomitas para microondas 3 x 100 g", "box", "1.99",
         0.4, origin="us"),
)

PANTRY_GROUPS: tuple[Group, ...] = (
    Group("canned-fish", "CON", "conservas-cantabrico", 1000, 3800, _CANNED_FISH),
    Group("preserves", "CVE", "distribuciones-centro", 1000, 3500, _PRESERVES),
    Group("oils", "ACE", "almazara-sierra-segura", 400, 2200, _OILS),
    Group("oils", "ACE", "distribuciones-centro", 1000, 3000, _OTHER_OILS_AND_VINEGARS),
    Group("pantry", "DES", "distribuciones-centro", 400, 3000, _DRY_GOODS),
    Group("pantry", "DES", "distribuciones-centro", 1000, 3000, _PASTA_AND_BAKING),
    Group("seasonings", "ESP", "distribuciones-centro", 1000, 4000, _SEASONINGS),
    Group("honey", "MIE", "mieles-alcarria", 1000, 3800, _HONEY),
    Group("honey", "MIE", "distribuciones-centro", 1000, 3800, _JAMS),
    Group("sweets", "DUL", "turrones-levante", 1000, 4000, _TURRON),
    Group("sweets", "DUL", "distribuciones-centro", 1000, 4000, _CHOCOLATE_AND_SWEETS),
    Group("breakfast", "DSY", "distribuciones-centro", 1000, 3000, _BREAKFAST),
    Group("snacks", "APE", "distribuciones-centro", 1000, 4000, _SNACKS),
)
