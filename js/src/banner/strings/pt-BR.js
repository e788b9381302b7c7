// pt-BR.js — os textos do aviso em português do Brasil: só o que difere de
// pt.js (o resto vem de lá). O build confere a tabela completa como as outras.
import pt from './pt.js';

export default {
  ...pt,
  title: 'Suas opções de privacidade',
  text: 'Usamos cookies e tecnologias semelhantes para as finalidades descritas em “Personalizar”. Com exceção dos estritamente necessários, nenhum deles é usado até que você faça sua escolha. Você pode mudar de ideia a qualquer momento, sem custo.',
  opt_out_text: 'Nós e nossos parceiros usamos cookies e tecnologias semelhantes, inclusive para publicidade direcionada, o que pode ser considerado “venda” ou “compartilhamento” de informações pessoais segundo as leis de alguns estados dos EUA. Você pode recusar a qualquer momento.',
  gpc: 'Seu sinal Global Privacy Control foi respeitado: não vendemos nem compartilhamos suas informações pessoais.',
  unavailable: 'Não foi possível carregar nosso serviço de consentimento, por isso os cookies opcionais continuam desativados.',
  close_means_reject: 'Fechar este aviso (× ou Esc) significa recusar os cookies opcionais.',
  save: 'Salvar minhas escolhas',
  withdraw: 'Revogar meu consentimento',
  withdrawn: 'Seu consentimento foi revogado.',
  opt_out: 'Não vender nem compartilhar minhas informações pessoais',
  opted_out: 'Sua recusa foi registrada: não vendemos nem compartilhamos suas informações pessoais.',
  preferences_title: 'Configurações de cookies',
  preferences_text: 'Escolha quais categorias de cookies podemos usar, ou abra uma categoria para escolher serviço por serviço. Os cookies estritamente necessários estão sempre ativos, porque o site não funciona sem eles.',
  provider: 'Provedor',
  blocked: 'Este conteúdo só é carregado com seu consentimento.',
  reopen: 'Configurações de cookies',
};
