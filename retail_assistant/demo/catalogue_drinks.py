"""Drinks of the demo shop: wine and sherry, cava, beer, spirits, water, juices, soft drinks.

VAT follows Spanish rules: 21 % for drinks with alcohol and, since 2021, for soft drinks
with added sugar or sweeteners; 10 % for water, plain juice and alcohol-free beer.
"""

from __future__ import annotations

from retail_assistant.demo.records import Group, Item

__all__ = ["DRINKS_GROUPS"]

_WINE = (
    Item("Rioja young red wine 75 cl", "Vino tinto Rioja joven 75 cl", "bottle", "5.50", 1.5),
    Item("Rioja crianza red wine 75 cl", "Vino tinto Rioja crianza 75 cl", "bottle", "8.95", 2.0),
    Item("Rioja reserva red wine 75 cl", "Vino tinto Rioja reserva 75 cl", "bottle", "14.95",
         0.6, "xmas"),
    Item("Ribera del Duero crianza 75 cl", "Vino tinto Ribera del Duero crianza 75 cl", "bottle",
         "12.50", 1.0),
    Item("Ribera del Duero roble 75 cl", "Vino tinto Ribera del Duero roble 75 cl", "bottle",
         "8.25", 0.8),
    Item("Priorat red wine 75 cl", "Vino tinto Priorat 75 cl", "bottle", "18.95", 0.2, "xmas"),
    Item("Toro red wine 75 cl", "Vino tinto Toro 75 cl", "bottle", "9.95", 0.4),
    Item("Bierzo mencía red wine 75 cl", "Vino tinto Bierzo mencía 75 cl", "bottle", "10.50",
         0.3),
    Item("Jumilla monastrell red wine 75 cl", "Vino tinto Jumilla monastrell 75 cl", "bottle",
         "6.95", 0.5),
    Item("Table red wine 1 l", "Vino tinto de mesa 1 l", "bottle", "1.89", 2.0),
    Item("Rueda verdejo white wine 75 cl", "Vino blanco Rueda verdejo 75 cl", "bottle", "6.50",
         1.5, "summer"),
    Item("Rías Baixas albariño 75 cl", "Vino blanco Rías Baixas albariño 75 cl", "bottle",
         "12.95", 0.8, "summer"),
    Item("Txakoli white wine 75 cl", "Vino blanco txakoli 75 cl", "bottle", "11.50", 0.3,
         "summer"),
    Item("Valdeorras godello white wine 75 cl", "Vino blanco Valdeorras godello 75 cl", "bottle",
         "10.95", 0.3),
    Item("Navarre rosé wine 75 cl", "Vino rosado Navarra 75 cl", "bottle", "5.95", 0.8,
         "summer"),
    Item("Fino sherry 75 cl", "Vino fino de Jerez 75 cl", "bottle", "7.95", 0.5),
    Item("Manzanilla from Sanlúcar 75 cl", "Manzanilla de Sanlúcar 75 cl", "bottle", "7.50", 0.4,
         "summer"),
    Item("Pedro Ximénez sweet sherry 75 cl", "Vino dulce Pedro Ximénez 75 cl", "bottle", "13.95",
         0.2, "xmas"),
    Item("Red vermouth 1 l", "Vermut rojo 1 l", "bottle", "9.95", 1.0),
    Item("Sangria 1.5 l", "Sangría 1,5 l", "bottle", "3.25", 1.0, "summer"),
    Item("Tinto de verano 1.5 l", "Tinto de verano 1,5 l", "bottle", "2.25", 1.5, "summer"),
)

_CAVA_AND_SPIRITS = (
    Item("Cava semi-dry 75 cl", "Cava semiseco 75 cl", "bottle", "5.95", 0.5, "xmas"),
    Item("Cava brut nature reserva 75 cl", "Cava brut nature reserva 75 cl", "bottle", "9.95",
         0.6, "xmas"),
    Item("Cava rosé brut 75 cl", "Cava rosado brut 75 cl", "bottle", "8.50", 0.3, "xmas"),
    Item("Cava gran reserva 75 cl", "Cava gran reserva 75 cl", "bottle", "16.95", 0.15, "xmas"),
    Item("Brandy de Jerez 70 cl", "Brandy de Jerez 70 cl", "bottle", "14.95", 0.2, "xmas"),
    Item("Galician herbal liqueur 70 cl", "Licor de hierbas gallego 70 cl", "bottle", "12.95",
         0.15),
    Item("Navarre pacharán 70 cl", "Pacharán navarro 70 cl", "bottle", "12.50", 0.15),
    Item("Sweet anisette 1 l", "Anís dulce 1 l", "bottle", "10.50", 0.1, "xmas"),
    Item("London dry gin 70 cl", "Ginebra London dry 70 cl", "bottle", "15.95", 0.2, "summer",
         origin="gb"),
    Item("Blended Scotch whisky 70 cl", "Whisky escocés 70 cl", "bottle", "13.95", 0.2,
         origin="gb"),
    Item("Bourbon whiskey 70 cl", "Whisky bourbon 70 cl", "bottle", "21.95", 0.1, origin="us"),
)

_BEER_AND_CIDER = (
    Item("Lager beer 6 x 33 cl", "Cerveza rubia pack 6 x 33 cl", "pack", "4.50", 4.0, "summer"),
    Item("Lager beer 1 l bottle", "Cerveza rubia litrona 1 l", "bottle", "1.45", 2.0, "summer"),
    Item("Craft IPA beer 33 cl", "Cerveza artesana IPA 33 cl", "bottle", "2.75", 0.8),
    Item("Asturian natural cider 70 cl", "Sidra natural asturiana 70 cl", "bottle", "2.95", 0.6),
)

_SOFT_DRINKS = (
    Item("Still mineral water 1.5 l", "Agua mineral natural 1,5 l", "bottle", "0.45", 10.0,
         "summer"),
    Item("Mineral water pack 6 x 1.5 l", "Agua mineral pack 6 x 1,5 l", "pack", "2.49", 3.0,
         "summer"),
    Item("Still water 50 cl", "Agua mineral pequeña 50 cl", "bottle", "0.35", 8.0, "summer"),
    Item("Sparkling water 1 l", "Agua con gas 1 l", "bottle", "0.89", 2.0),
    Item("Alcohol-free beer 6 x 25 cl", "Cerveza sin alcohol pack 6 x 25 cl", "pack", "3.25",
         1.5, "summer"),
    Item("Apple juice 1 l", "Zumo de manzana 1 l", "unit", "1.35", 0.8),
    Item("Tomato juice 1 l", "Zumo de tomate 1 l", "unit", "1.45", 0.3),
)

_SUGARY_DRINKS = (
    Item("Classic cola 33 cl can", "Refresco de cola clásico lata 33 cl", "can", "0.89", 6.0,
         "summer"),
    Item("Zero-sugar cola 33 cl can", "Refresco de cola zero lata 33 cl", "can", "0.89", 3.0,
         "summer"),
    Item("Orange soda 33 cl can", "Refresco de naranja lata 33 cl", "can", "0.85", 3.0, "summer"),
    Item("Lemon soda 33 cl can", "Refresco de limón lata 33 cl", "can", "0.85", 2.0, "summer"),
    Item("Tonic water 4 x 20 cl", "Tónica pack 4 x 20 cl", "pack", "2.25", 0.8, "summer"),
    Item("Gaseosa lemonade 1.5 l", "Gaseosa 1,5 l", "bottle", "0.75", 1.0, "summer"),
    Item("Tiger nut horchata 1 l", "Horchata de chufa 1 l", "bottle", "2.49", 1.0, "summer"),
    Item("Peach nectar 1 l", "Néctar de melocotón 1 l", "unit", "1.25", 0.8),
    Item("Lemon iced tea 1.5 l", "Té frío al limón 1,5 l", "bottle", "1.59", 0.8, "summer"),
)

DRINKS_GROUPS: tuple[Group, ...] = (
    Group("wine", "VIN", "vinos-ribera", 2100, 3800, _WINE),
    Group("beer-spirits", "BEB", "vinos-ribera", 2100, 3500, _CAVA_AND_SPIRITS),
    Group("beer-spirits", "BEB", "bebidas-del-norte", 2100, 3000, _BEER_AND_CIDER),
    Group("soft-drinks", "REF", "bebidas-del-norte", 1000, 3500, _SOFT_DRINKS),
    Group("soft-drinks", "REF", "bebidas-del-norte", 2100, 3500, _SUGARY_DRINKS),
)
